import { suomifiDesignTokens } from 'suomifi-design-tokens';

/** Expose the Suomi.fi design tokens as CSS custom properties (--color-highlightBase, --space-m, …)
 * so our own layout CSS uses the same palette and spacing as the design system's components. */
export function applyDesignTokens(root: HTMLElement = document.documentElement) {
  for (const [name, value] of Object.entries(suomifiDesignTokens.colors)) root.style.setProperty(`--color-${name}`, value);
  for (const [name, value] of Object.entries(suomifiDesignTokens.spacing)) root.style.setProperty(`--space-${name}`, value);
}
