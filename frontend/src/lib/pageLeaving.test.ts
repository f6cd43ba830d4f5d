import { describe, expect, it } from 'vitest';
import { watchPageLeaving } from './pageLeaving';

describe('watchPageLeaving', () => {
  it('says leaving from beforeunload or pagehide until the page shows again or the user acts', () => {
    const page = new EventTarget();
    const watch = watchPageLeaving(page);
    expect(watch.isLeaving()).toBe(false);
    page.dispatchEvent(new Event('beforeunload'));
    expect(watch.isLeaving()).toBe(true);
    page.dispatchEvent(new Event('pageshow')); // back from the back/forward cache
    expect(watch.isLeaving()).toBe(false);
    page.dispatchEvent(new Event('pagehide'));
    expect(watch.isLeaving()).toBe(true);
    page.dispatchEvent(new Event('pointerdown')); // a download link: the page stayed, and is used
    expect(watch.isLeaving()).toBe(false);
  });
});
