import { goto } from '$app/navigation';
import type { ChildPage } from './tree';

/** Fetch one page of a node's children from the admin site's own endpoint (the token stays in the cookie). */
export async function fetchChildren(id: string, after: string | null): Promise<ChildPage> {
  const params = after ? `?${new URLSearchParams({ after })}` : '';
  const response = await fetch(`/org/${encodeURIComponent(id)}/children${params}`, { headers: { accept: 'application/json' } });
  if (response.status === 401) {
    await goto(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new Error('signed out');
  }
  if (!response.ok) throw new Error(`children of ${id}: ${response.status}`);
  return (await response.json()) as ChildPage;
}
