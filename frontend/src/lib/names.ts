/**
 * The name rule of the contract (NewWorkspace.name, NewUser.username, NewTemplate.name, AppPort.name):
 * ^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$ — and, as the workspace-service adds, no "--" (that
 * separator is reserved for per-app host names, `<port>--<slug>`).
 */
export const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
export const NAME_RULE = "1-32 lowercase letters, digits or single '-', starting and ending with a letter or digit";

export function nameProblem(name: string, { allowDoubleDash = false } = {}): string | undefined {
  if (name === '') return 'a name is required';
  if (!NAME_PATTERN.test(name) || (!allowDoubleDash && name.includes('--'))) return NAME_RULE;
  return undefined;
}

/** NewUser.username: the same pattern; the contract adds no "--" rule for usernames. */
export function usernameProblem(username: string): string | undefined {
  if (username === '') return 'a username is required';
  return NAME_PATTERN.test(username) ? undefined : "1-32 lowercase letters, digits or '-', starting and ending with a letter or digit";
}
