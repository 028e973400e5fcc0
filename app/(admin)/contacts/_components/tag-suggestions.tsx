"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

export const TAG_SUGGESTIONS_ID = "contact-tag-suggestions";

/** The tags in use, most used first, for any input with list={TAG_SUGGESTIONS_ID}. */
export function TagSuggestions() {
  const trpc = useTRPC();
  const tags = useQuery({ ...trpc.contact.tags.queryOptions(), staleTime: 60_000 });
  return (
    <datalist id={TAG_SUGGESTIONS_ID} data-testid="tag-suggestions">
      {(tags.data ?? []).map((tag) => (
        <option key={tag} value={tag} />
      ))}
    </datalist>
  );
}
