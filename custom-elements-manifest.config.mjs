// Generates custom-elements.json from the element's JSDoc (`npm run analyze`).
export default {
  globs: ['src/stream-chat.ts', 'src/events.ts'],
  litelement: true,
  plugins: [
    {
      // `@fires` is the source of truth; drop events the analyzer guesses without a name.
      name: 'drop-nameless-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((event) => event.name);
            if (decl.members)
              decl.members = decl.members.filter((member) => !member.privacy || member.privacy === 'public');
          }
        }
      },
    },
  ],
};
