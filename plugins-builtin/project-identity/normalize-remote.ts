/**
 * One spelling per repository: scp, ssh, git and https remotes of the same repo become the same
 * `https://host/path` string, with credentials and ports dropped, host lower-cased, `.git` and `/` trimmed.
 */
export function normalizeRemoteUrl(raw: string): string | null {
  const url = raw.trim();
  if (!url) return null;
  let host: string;
  let repoPath: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(url);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    host = scp[1] ?? '';
    repoPath = scp[2] ?? '';
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol === 'file:') return null;
    host = parsed.hostname;
    repoPath = decodeURIComponent(parsed.pathname);
  }
  repoPath = repoPath.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  if (!host || !repoPath) return null;
  return `https://${host.toLowerCase()}/${repoPath}`;
}

/** Repository name for display: the last path segment of a normalised remote. */
export function repoNameFromRemote(normalized: string): string {
  return normalized.split('/').pop() ?? normalized;
}
