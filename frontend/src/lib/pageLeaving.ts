/**
 * Whether the page is being left (reload, navigation away, tab closing). Anything started then may
 * never see its answer: a refresh sent while the page unloads spends the refresh token, and the
 * response carrying its successor dies with the page. So nothing renews the session while this
 * says so.
 *
 * `beforeunload` comes first (before the browser even asks for the next page), `pagehide` last.
 * A `beforeunload` may not be followed by an unload (a download link, a cancelled navigation): the
 * user's next input, or the page coming back from the back/forward cache, says the page stayed.
 */
export interface PageLeaving {
  isLeaving(): boolean;
}

export function watchPageLeaving(target: Pick<Window, 'addEventListener'>): PageLeaving {
  let leaving = false;
  const leave = () => {
    leaving = true;
  };
  const stay = () => {
    leaving = false;
  };
  target.addEventListener('beforeunload', leave);
  target.addEventListener('pagehide', leave);
  target.addEventListener('pageshow', stay);
  for (const input of ['pointerdown', 'keydown', 'focus'] as const) target.addEventListener(input, stay, true);
  return { isLeaving: () => leaving };
}

/** This page's watch (never leaving outside a browser). */
export const pageLeaving: PageLeaving =
  typeof window === 'undefined' ? { isLeaving: () => false } : watchPageLeaving(window);
