import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { viewOf } from '../api/client';
import type { ProblemView } from '../api/problem';

/**
 * Loads something for a page when it mounts (and again when `deps` change or `reload` is called),
 * keeping the last good value and the problem of the last failed attempt.
 */
export function useLoader<T>(fetch: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ProblemView | null>(null);
  // the caller names what the fetch depends on, as with useCallback
  const reload = useCallback(fetch, deps);
  const load = useCallback(async () => {
    try {
      setData(await reload());
      setError(null);
    } catch (e) {
      setError(viewOf(e));
    }
  }, [reload]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, setData, error, setError, reload: load };
}
