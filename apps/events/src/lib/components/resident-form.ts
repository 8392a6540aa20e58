import { createContext } from 'svelte';

/** What a `ResidentForm` tells the `FormField`s inside it: their ids' prefix and the errors beside them. */
export interface ResidentFormContext {
  readonly prefix: string;
  readonly fieldErrors: Partial<Record<string, string>>;
}

export const [residentForm, setResidentForm] = createContext<ResidentFormContext>();

/** What a field's control (input, select, textarea) spreads onto itself: its id, name and error wiring. */
export interface FieldControl {
  id: string;
  name: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}
