/** The two choices of a diagram, its format and its layout, as labelled selects (the designs page's Diagram menu and
 * the editor's Export panel both ask them). */

import type { DiagramFormat, DiagramLayout } from "../api";
import { DIAGRAM_FORMATS, DIAGRAM_LAYOUTS } from "../diagrams";

interface DiagramFieldsProps {
  /** The prefix of the selects' ids. */
  ids: string;
  format: DiagramFormat;
  layout: DiagramLayout;
  onFormat: (format: DiagramFormat) => void;
  onLayout: (layout: DiagramLayout) => void;
}

export function DiagramFields({ ids, format, layout, onFormat, onLayout }: DiagramFieldsProps) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-format`}>Format</label>
        <select id={`${ids}-format`} name="format" value={format} onChange={(e) => onFormat(e.target.value as DiagramFormat)}>
          {DIAGRAM_FORMATS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-layout`}>Layout</label>
        <select id={`${ids}-layout`} name="layout" value={layout} onChange={(e) => onLayout(e.target.value as DiagramLayout)}>
          {DIAGRAM_LAYOUTS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
