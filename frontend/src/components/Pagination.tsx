interface PaginationProps {
  page: number;
  pages: number;
  hasPrevious: boolean;
  hasNext: boolean;
  disabled?: boolean;
  onChange: (page: number) => void;
}

export function Pagination({ page, pages, hasPrevious, hasNext, disabled = false, onChange }: PaginationProps) {
  return (
    <nav className="pagination" aria-label="Pagination">
      <button
        type="button"
        className="button"
        disabled={disabled || !hasPrevious}
        onClick={() => onChange(page - 1)}
      >
        <span aria-hidden="true">‹</span>Previous page
      </button>
      <span className="pagination-status">
        Page {page} of {pages}
      </span>
      <button type="button" className="button" disabled={disabled || !hasNext} onClick={() => onChange(page + 1)}>
        Next page<span aria-hidden="true">›</span>
      </button>
    </nav>
  );
}
