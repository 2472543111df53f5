/** Absolute links every copy of an issue carries; unsubscribe and preferences are per reader. */
export interface EmailLinks {
  web: string;
  unsubscribe: string;
  preferences: string;
}
