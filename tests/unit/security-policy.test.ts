import { describe, expect, it } from 'vitest';
import {
  isAppUrl,
  isExternalWebUrl,
  isTrustedSender,
  isUserLinkOpen,
  secureWebPreferences,
  documentWindowPreferences,
} from '../../electron/security';

/** The pure pieces of the Electron security policy, case by case. */
describe('security policy', () => {
  it('recognises only our own app:// origin', () => {
    expect(isAppUrl('app://painopiste/index.html#/groups')).toBe(true);
    for (const url of [
      'app://painopiste.evil/',
      'app://evil/',
      'APP://other',
      'https://painopiste/',
      'file:///app/index.html',
      '',
      'app:painopiste',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('treats only http(s) URLs without credentials as external web pages', () => {
    expect(isExternalWebUrl('https://intermin.fi/')).toBe(true);
    expect(isExternalWebUrl('http://example.org/a?b#c')).toBe(true);
    for (const url of [
      'https://u:p@example.org/',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'mailto:a@b.c',
      'ftp://x',
      'https://',
      'nonsense',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });

  it('counts a window-open request as a user link only for a plain link activation', () => {
    const link = { url: 'https://example.org/', frameName: '', features: '', disposition: 'foreground-tab' };
    expect(isUserLinkOpen(link)).toBe(true);
    expect(isUserLinkOpen({ ...link, disposition: 'background-tab' })).toBe(true);
    expect(isUserLinkOpen({ ...link, disposition: 'new-window' })).toBe(false);
    expect(isUserLinkOpen({ ...link, features: 'popup' })).toBe(false);
    expect(isUserLinkOpen({ ...link, frameName: 'x' })).toBe(false);
    expect(isUserLinkOpen({ ...link, postBody: {} })).toBe(false);
    expect(isUserLinkOpen({ ...link, url: 'file:///etc/passwd' })).toBe(false);
  });

  it('trusts only the top-level app frame', () => {
    expect(isTrustedSender({ url: 'app://painopiste/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://painopiste/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.org/' })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('hardens both kinds of window', () => {
    for (const prefs of [secureWebPreferences('/p.cjs'), documentWindowPreferences()]) {
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    }
    expect(documentWindowPreferences()).toMatchObject({ javascript: false, devTools: false });
    expect(documentWindowPreferences()).not.toHaveProperty('preload');
  });
});
