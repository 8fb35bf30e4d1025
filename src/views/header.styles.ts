import { css } from 'lit';

/** The header bar (`header.ts`). */
export const headerStyles = css`
  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px var(--_gap);
    border-bottom: 1px solid var(--_border);
    min-height: 44px;
  }
  /* The slot takes the free space, so the buttons keep their place with or without a title. */
  .title-slot {
    display: block;
    flex: 1;
    min-width: 0;
  }
  .title {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
