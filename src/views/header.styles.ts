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
  .title {
    flex: 1;
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
