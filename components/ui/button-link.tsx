import Link from "next/link";
import type { ComponentProps } from "react";
import { type ButtonSize, type ButtonVariant, buttonClassName } from "./button";

/** A navigation that looks like a button ("New contact", "Edit"): still a link to the browser. */
export function ButtonLink({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link className={`${buttonClassName(variant, size)} ${className}`} {...props} />;
}
