import { describe, expect, it } from 'vitest';
import { nameProblem, usernameProblem } from './names';

describe('workspace names', () => {
  it.each(['a', 'dev', 'my-box-2', 'a'.repeat(32)])('accepts %s', (name) => expect(nameProblem(name)).toBeUndefined());
  it.each(['', '-dev', 'dev-', 'Dev', 'my_box', 'a'.repeat(33), 'my--box'])('refuses %j', (name) => expect(nameProblem(name)).toBeDefined());
  it('usernames follow the contract pattern only', () => {
    expect(usernameProblem('ada')).toBeUndefined();
    expect(usernameProblem('Ada')).toBeDefined();
  });
});
