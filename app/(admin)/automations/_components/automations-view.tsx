"use client";
import { useState } from "react";
import { AutomationForm, type AutomationRule } from "./automation-form";
import { AutomationList } from "./automation-list";

/** The form beside the list; Edit on a rule turns the form into that rule's. */
export function AutomationsView() {
  const [editing, setEditing] = useState<AutomationRule | null>(null);
  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <AutomationForm editing={editing} onDone={() => setEditing(null)} />
      <AutomationList onEdit={setEditing} />
    </div>
  );
}
