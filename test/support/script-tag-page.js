// Runs inside the script-tag test pages: records CSP violations, errors, console warnings and every stream-chat event,
// the way a plain page with no bundler would use the element.
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
window.pageErrors = [];
window.addEventListener('error', (event) => window.pageErrors.push(event.message));
window.addEventListener('unhandledrejection', (event) => window.pageErrors.push(String(event.reason)));
window.pageWarnings = [];
const warn = console.warn.bind(console);
console.warn = (...args) => {
  window.pageWarnings.push(args.map(String).join(' '));
  warn(...args);
};
window.chatEvents = [];
document.addEventListener('DOMContentLoaded', () => {
  const chat = document.querySelector('stream-chat');
  chat.setAttribute('api-url', '/api/chat');
  chat.setAttribute('greeting', 'Hello from a plain page');
  for (const name of ['response-start', 'response-end', 'thread-change', 'effect', 'client-tool', 'progress']) {
    chat.addEventListener(`stream-chat-${name}`, (event) => {
      window.chatEvents.push(name);
      if (name === 'client-tool') event.detail.respondWith({ from: 'plain page' });
    });
  }
});
