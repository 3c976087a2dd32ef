/**
 * A select that filters its options as the user types: a text box with a list of matches below it (the ARIA
 * combobox pattern, https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). Arrow keys move through the matches,
 * Enter picks one, Escape closes the list and puts back what was there; the focus stays in the text box.
 */

import { type KeyboardEvent, useEffect, useId, useMemo, useState } from "react";

export interface SelectOption {
  value: string;
  label: string;
  /** A second line: an instance type's vCPU, memory and price, say. */
  detail?: string;
}

interface SearchableSelectProps {
  /** The text box's id, for the `<label htmlFor>` naming it. */
  id: string;
  /** What the list is, for screen readers ("Instance type"). */
  label: string;
  options: readonly SelectOption[];
  /** The chosen option's value; null when none is. */
  value: string | null;
  onChange: (value: string) => void;
  placeholder?: string | undefined;
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
  /** At most this many matches are listed; typing narrows them. */
  limit?: number;
}

/** The options matching `query`: exact matches first, then those starting with it, then those containing it. */
export function filterOptions(options: readonly SelectOption[], query: string): SelectOption[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...options];
  const ranked: { option: SelectOption; rank: number }[] = [];
  for (const option of options) {
    const value = option.value.toLowerCase();
    const label = option.label.toLowerCase();
    let rank = -1;
    if (value === q || label === q) rank = 0;
    else if (value.startsWith(q) || label.startsWith(q)) rank = 1;
    else if (value.includes(q) || label.includes(q) || (option.detail ?? "").toLowerCase().includes(q)) rank = 2;
    if (rank >= 0) ranked.push({ option, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.option);
}

export function SearchableSelect({
  id,
  label,
  options,
  value,
  onChange,
  placeholder,
  describedBy,
  invalid,
  limit = 200,
}: SearchableSelectProps) {
  const base = useId();
  const listId = `${base}-list`;
  const [open, setOpen] = useState(false);
  /** What the user typed since opening the list; null shows the chosen option instead. */
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(-1);

  const chosen = options.find((o) => o.value === value);
  const matches = useMemo(() => filterOptions(options, query ?? ""), [options, query]);
  const shown = matches.slice(0, limit);
  const optionId = (index: number) => `${base}-option-${index}`;

  useEffect(() => {
    if (open && active >= 0) document.getElementById(`${base}-option-${active}`)?.scrollIntoView?.({ block: "nearest" });
  }, [open, active, base]);

  const close = () => {
    setOpen(false);
    setQuery(null);
    setActive(-1);
  };

  const pick = (option: SelectOption) => {
    close();
    if (option.value !== value) onChange(option.value);
  };

  const openList = () => {
    setOpen(true);
    setActive(Math.max(0, query === null ? shown.findIndex((o) => o.value === value) : 0));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open || event.altKey) openList();
        else setActive((i) => Math.min(i + 1, shown.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.max(i - 1, 0));
        break;
      case "PageDown":
        if (open) {
          event.preventDefault();
          setActive((i) => Math.min(i + 10, shown.length - 1));
        }
        break;
      case "PageUp":
        if (open) {
          event.preventDefault();
          setActive((i) => Math.max(i - 10, 0));
        }
        break;
      case "Enter": {
        const option = open ? shown[active] : undefined;
        if (option) {
          event.preventDefault();
          pick(option);
        }
        break;
      }
      case "Escape":
        if (open || query !== null) {
          // Closing the list is all Escape does here: not also leaving a dialog or the canvas's selection.
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case "Tab":
        close();
        break;
    }
  };

  const shownText = chosen?.label ?? value ?? "";
  /** The search in what the box holds: typing after (or before) the chosen option's name starts a new search. */
  const typed = (text: string) => {
    if (query !== null || !shownText) return text;
    if (text.startsWith(shownText)) return text.slice(shownText.length);
    if (text.endsWith(shownText)) return text.slice(0, text.length - shownText.length);
    return text;
  };

  const activeId = open && active >= 0 && active < shown.length ? optionId(active) : undefined;
  return (
    <div className={`combo${open ? " is-open" : ""}`}>
      <input
        id={id}
        type="text"
        role="combobox"
        className="combo-input"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={placeholder}
        value={query ?? shownText}
        onChange={(event) => {
          setQuery(typed(event.target.value));
          setOpen(true);
          setActive(0);
        }}
        onFocus={(event) => event.target.select()}
        onKeyDown={onKeyDown}
        onBlur={close}
        onClick={() => (open ? close() : openList())}
      />
      <div className="combo-popup" hidden={!open}>
        <ul id={listId} role="listbox" aria-label={label} className="combo-list">
          {open &&
            shown.map((option, index) => (
              <li
                key={option.value}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={`combo-option${index === active ? " is-active" : ""}${option.value === value ? " is-chosen" : ""}`}
                // Keep the focus in the text box: the list is part of it.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(option)}
                onMouseMove={() => index !== active && setActive(index)}
              >
                <span className="combo-option-label">{option.label}</span>
                {option.detail && <span className="combo-option-detail">{option.detail}</span>}
              </li>
            ))}
        </ul>
        {open && shown.length === 0 && <p className="combo-note">Nothing matches “{query}”.</p>}
        {open && matches.length > shown.length && (
          <p className="combo-note">
            {shown.length} of {matches.length.toLocaleString("en")} shown: type to narrow them down.
          </p>
        )}
      </div>
    </div>
  );
}
