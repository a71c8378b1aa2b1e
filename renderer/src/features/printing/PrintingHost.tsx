import { useEffect } from 'react';
import { useRepos } from '../../data/context';
import { labelRuntimeFor } from './runtime';

/**
 * Mount once (in the Shell): registers the label step after each pack, the label verification
 * scan handler, and runs the platform label fetcher in the background. Renders nothing.
 */
export function PrintingHost() {
  const repos = useRepos();
  useEffect(() => labelRuntimeFor(repos).start(), [repos]);
  return null;
}
