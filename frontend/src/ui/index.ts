export { Button, buttonClass } from './Button';
export { Card, SelectableCard } from './Card';
export { Badge, WorkspaceStatePill, DeploymentStatusPill } from './StatusPill';
export { Dialog, ConfirmDialog } from './Dialog';
export { TextInput, TextArea, Select, Checkbox } from './Field';
export { Table } from './Table';
export { EmptyState } from './EmptyState';
export { Banner, ErrorBanner, ToastProvider, useToast } from './Banner';
export { Spinner, Loading } from './Spinner';
