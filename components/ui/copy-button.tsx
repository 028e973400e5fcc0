"use client";
import { useEffect, useState } from "react";
import { Button } from "./button";

/** Copies `value` to the clipboard and says so; where the clipboard is refused, says how to copy by hand. */
export function CopyButton({
  value,
  label = "Copy",
  size = "sm",
}: {
  value: string;
  label?: string;
  size?: "sm" | "md";
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size={size} onClick={() => void copy()}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span aria-live="polite" className="text-xs text-slate-500">
        {state === "failed" ? "Select the text and press Ctrl+C to copy." : ""}
      </span>
    </span>
  );
}
