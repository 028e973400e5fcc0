"use client";
import { type KeyboardEvent, useId, useState } from "react";

/** Mirrors the server's rule for tag names, so a bad tag is refused before anything is sent. */
export function tagProblem(tag: string, existing: readonly string[]): string | null {
  if (tag === "") return "A tag cannot be empty.";
  if (tag.length > 64) return "A tag must be at most 64 characters.";
  if (/[,/]/.test(tag)) return "A tag cannot contain commas or slashes.";
  if (existing.includes(tag)) return `"${tag}" is already there.`;
  return null;
}

/**
 * Tags as removable chips plus a text box: Enter (or a comma) adds what was typed, × removes a tag,
 * Backspace in the empty box removes the last one.
 */
export function TagInput({
  id,
  tags,
  onAdd,
  onRemove,
  disabled = false,
  label = "Add a tag",
  error,
}: {
  id?: string;
  tags: readonly string[];
  onAdd: (tag: string) => void;
  onRemove: (tag: string) => void;
  disabled?: boolean;
  label?: string;
  error?: string | undefined;
}) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const shownError = problem ?? error;

  function commit() {
    const tag = draft.trim();
    const issue = tagProblem(tag, tags);
    if (issue) {
      if (tag !== "") setProblem(issue);
      return;
    }
    onAdd(tag);
    setDraft("");
    setProblem(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      commit();
    } else if (event.key === "Backspace" && draft === "" && tags.length > 0) {
      const last = tags.at(-1);
      if (last !== undefined) onRemove(last);
    }
  }

  return (
    <div>
      <div
        className={`flex min-h-10 flex-wrap items-center gap-1.5 rounded-md bg-white px-2 py-1.5 shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-500 ${
          shownError ? "ring-red-500" : "ring-slate-300"
        } ${disabled ? "opacity-60" : ""}`}
      >
        <ul aria-label="Tags" className="contents">
          {tags.map((tag) => (
            <li
              key={tag}
              className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-100"
            >
              {tag}
              <button
                type="button"
                onClick={() => onRemove(tag)}
                disabled={disabled}
                aria-label={`Remove tag ${tag}`}
                className="inline-flex h-4 w-4 items-center justify-center rounded-full text-brand-500 hover:bg-brand-100 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
        <input
          id={inputId}
          value={draft}
          disabled={disabled}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (draft.trim() === "") setProblem(null);
          }}
          aria-label={label}
          aria-invalid={!!shownError}
          aria-describedby={`${inputId}-hint`}
          placeholder={tags.length === 0 ? "Type a tag and press Enter" : "Add tag…"}
          className="min-w-32 flex-1 border-0 bg-transparent px-1 py-0.5 text-sm text-slate-900 outline-none placeholder:text-slate-400"
        />
      </div>
      <p
        id={`${inputId}-hint`}
        role={shownError ? "alert" : undefined}
        className={`mt-1.5 text-xs ${shownError ? "text-sm text-red-600" : "text-slate-500"}`}
      >
        {shownError ?? "Press Enter to add a tag; Backspace removes the last one."}
      </p>
    </div>
  );
}
