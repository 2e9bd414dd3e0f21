#ifndef COMPLIANCE_TOOLS_TEXT_OUTPUT_HPP
#define COMPLIANCE_TOOLS_TEXT_OUTPUT_HPP

/// \file
/// `--format text`: output for a terminal — aligned columns, ✓/!/✗ marks, days left, and ANSI
/// colour only when stdout is a terminal and the user has not opted out (NO_COLOR).

#include <compliance/error.hpp>
#include <compliance/registry.hpp>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace compliance::cli {

/// What a piece of text means, hence its colour.
enum class tone { plain, good, warn, bad, dim, bold };

/// Whether text is coloured.
struct text_style {
  bool colour = false;
  /// `text` wrapped in the ANSI sequence of `t` when colouring, else `text` itself.
  std::string paint(std::string_view text, tone t) const;
};

/// Colour when stdout is a terminal and NO_COLOR is unset or empty (no-color.org); a non-empty
/// CLICOLOR_FORCE other than `0` colours a pipe too (NO_COLOR still wins).
text_style detect_text_style();

/// One cell of an aligned table.
struct cell {
  std::string text;
  tone colour = tone::plain;
  bool right = false; ///< right-aligned (numbers)
};

/// Prints `rows` with every column padded to its widest cell (display width: UTF-8 code
/// points), each line prefixed by `indent`; the last column is not padded.
void print_table(std::ostream& out, const text_style& style, const std::vector<std::vector<cell>>& rows,
                 std::string_view indent = "");

/// G4: the verdict for `vendor_name` and `requirement_text`: a headline with the mark, the run
/// (since/until/days left, or last run and next window), the evidence, every finding.
void print_verdict(std::ostream& out, const text_style& style, const verdict& v, const std::string& vendor_name,
                   const std::string& requirement_text);

/// `check --from A --to B`: covered throughout or not, then each period of the window — covered
/// (with the evidence) or a gap — with every finding that held then (what check() says on the
/// period's first day; a new period starts when they change).
void print_window(std::ostream& out, const text_style& style, const window_result& w, const std::string& vendor_name,
                  const std::string& requirement_text);

/// W2: vendors × requirements, each cell a mark and the days left, and a legend.
void print_matrix(std::ostream& out, const text_style& style, const matrix_result& m);

/// `report --from A --to B`: each cell ✓ covered throughout, ! with warnings, ✗ and the days not covered.
void print_window_matrix(std::ostream& out, const text_style& style, const window_matrix_result& m);

/// W1: the renewal worklist, soonest first, each item with what renews it.
void print_expiring(std::ostream& out, const text_style& style, const std::vector<expiring_item>& items, date on,
                    long within);

/// lint: every diagnostic of `path` with level, code, pointer and line:column, then the counts.
void print_lint(std::ostream& out, const text_style& style, const std::string& path,
                const std::vector<diagnostic>& diags);

} // namespace compliance::cli

#endif
