import type { ServiceCategory } from '$lib/gql/graphql';
import { SERVICE_CATEGORY_LABEL, SERVICE_ORDER_STATE_LABEL } from '@tongxin/ui';

/** Service menu categories in Chinese, in menu order. */
export const SERVICE_CATEGORY_LABELS: Readonly<Record<ServiceCategory, string>> = SERVICE_CATEGORY_LABEL;
export const SERVICE_CATEGORIES = Object.keys(SERVICE_CATEGORY_LABELS) as ServiceCategory[];

export function parseServiceCategory(value: string | null): ServiceCategory | null {
  return value && (SERVICE_CATEGORIES as string[]).includes(value) ? (value as ServiceCategory) : null;
}

/** What a resident reads for a service order's state (点单 -> 派单 -> 接单 -> 已完成). */
export const SERVICE_ORDER_STATE: Readonly<Record<string, { label: string; explain: string }>> = {
  SUBMITTED: { label: SERVICE_ORDER_STATE_LABEL.SUBMITTED, explain: '社区已经收到您的点单，会尽快派给服务人员。' },
  ACCEPTED: { label: SERVICE_ORDER_STATE_LABEL.ACCEPTED, explain: '社区已受理，正在安排服务人员。' },
  ASSIGNED: { label: SERVICE_ORDER_STATE_LABEL.ASSIGNED, explain: '已派给服务人员，等待对方接单。' },
  IN_PROGRESS: { label: SERVICE_ORDER_STATE_LABEL.IN_PROGRESS, explain: '服务人员已接单，会按约定时间联系您。' },
  RESOLVED: { label: SERVICE_ORDER_STATE_LABEL.RESOLVED, explain: '服务已经完成。请给这次服务打个分。' },
  CLOSED: { label: SERVICE_ORDER_STATE_LABEL.CLOSED, explain: '服务已完成并评价，感谢您的支持。' },
};
