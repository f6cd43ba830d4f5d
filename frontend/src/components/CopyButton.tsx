import { Button, useToast } from '../ui';

/** Copies a secret that is shown only once (an API token, a one-time password) to the clipboard. */
export function CopyButton({ value, label, what }: { value: string; label: string; what: string }) {
  const notify = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      notify('Copied to the clipboard', 'success');
    } catch {
      notify(`Copying failed; select the ${what} and copy it by hand`, 'error');
    }
  }
  return <Button onClick={() => void copy()}>{label}</Button>;
}
