import { useNavigate } from 'react-router';
import { Button, EmptyState } from '../ui';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <EmptyState title="Page not found" action={<Button onClick={() => navigate('/workspaces')}>Go to workspaces</Button>}>
      There is nothing at this address.
    </EmptyState>
  );
}
