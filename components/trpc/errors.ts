// Reading the server's error shape in client components.

export interface FieldError {
  path: string;
  message: string;
}

export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string") {
    return error.message;
  }
  return "Something went wrong. Please try again.";
}

/** The per-field details of a validation_failed or conflict error, if any. */
export function fieldErrors(error: unknown): FieldError[] {
  const data = (error as { data?: { details?: FieldError[] } } | null)?.data;
  return data?.details ?? [];
}

export function errorCode(error: unknown): string | undefined {
  return (error as { data?: { appCode?: string } } | null)?.data?.appCode;
}
