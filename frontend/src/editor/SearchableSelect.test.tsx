import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { filterOptions, SearchableSelect, type SelectOption } from "./SearchableSelect";

const SIZES: SelectOption[] = ["t3.micro", "t3.medium", "m5.large", "m5.xlarge"].map((value) => ({ value, label: value }));

function renderSelect(onChange = vi.fn(), options = SIZES, limit?: number) {
  render(
    <>
      <label htmlFor="size">Size</label>
      <SearchableSelect id="size" label="Size" options={options} value="t3.medium" onChange={onChange} {...(limit ? { limit } : {})} />
    </>,
  );
  return { onChange, box: screen.getByRole("combobox", { name: "Size" }) };
}

describe("the searchable select", () => {
  it("lists exact matches first, then those starting with the search, then those containing it", () => {
    const options = ["xlarge", "large", "m5.large", "largest"].map((value) => ({ value, label: value }));
    expect(filterOptions(options, "large").map((o) => o.value)).toEqual(["large", "largest", "xlarge", "m5.large"]);
    expect(filterOptions([{ value: "a", label: "a", detail: "2 vCPU" }], "vcpu")).toHaveLength(1);
  });

  it("picks with the mouse, keeping the focus in the text box", async () => {
    const user = userEvent.setup();
    const { onChange, box } = renderSelect();
    await user.click(box);
    await user.click(screen.getByRole("option", { name: "m5.large" }));
    expect(onChange).toHaveBeenCalledWith("m5.large");
    expect(box).toHaveFocus();
    expect(box).toHaveAttribute("aria-expanded", "false");
  });

  it("says when nothing matches, and how many more there are than it shows", async () => {
    const user = userEvent.setup();
    const { box, onChange } = renderSelect(vi.fn(), SIZES, 2);
    await user.click(box);
    expect(screen.getAllByRole("option")).toHaveLength(2);
    expect(screen.getByText("2 of 4 shown: type to narrow them down.")).toBeInTheDocument();
    await user.keyboard("{Control>}a{/Control}zzz");
    expect(screen.queryAllByRole("option")).toHaveLength(0);
    expect(screen.getByText("Nothing matches “zzz”.")).toBeInTheDocument();
    await user.keyboard("{Enter}");
    expect(onChange).not.toHaveBeenCalled();
    await user.tab();
    expect(box).toHaveValue("t3.medium");
  });
});
