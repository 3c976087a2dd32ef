/** Checks the open design as the user works and gives the result to the panels below it (`useValidation`). */

import type { ReactNode } from "react";

import { useValidator, ValidationContext, VALIDATE_MS } from "./useValidation";

export function ValidationProvider({ children, delayMs = VALIDATE_MS }: { children: ReactNode; delayMs?: number }) {
  const validation = useValidator(delayMs);
  return <ValidationContext.Provider value={validation}>{children}</ValidationContext.Provider>;
}
