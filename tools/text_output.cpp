// --format text: made for a terminal. Columns are aligned by display width (UTF-8 code points,
// before colour is added), marks say covered (✓), covered with warnings (!) and not covered (✗),
// and colour is used only when it will be seen (text_style).
#include "text_output.hpp"

#include "inputs.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>

#include <unistd.h>

namespace compliance::cli {

namespace {

/// How each answer looks: the one table every subcommand reads.
struct status_look {
  std::string_view mark;
  tone colour;
  std::string_view words;
};

status_look look_of(coverage_status s) {
  switch (s) {
  case coverage_status::covered: return {"✓", tone::good, "covered"};
  case coverage_status::covered_with_warnings: return {"!", tone::warn, "covered with warnings"};
  case coverage_status::not_covered: return {"✗", tone::bad, "not covered"};
  }
  return {"?", tone::plain, "?"};
}

tone tone_of(severity s) {
  switch (s) {
  case severity::info: return tone::dim;
  case severity::warning: return tone::warn;
  case severity::blocking: return tone::bad;
  }
  return tone::plain;
}

/// Terminal columns taken by `s`: one per code point (the marks we print are all narrow).
std::size_t display_width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  }));
}

/// "1 day", "3 days": a count and its noun, in the singular when it is one.
template <class N>
std::string count(N n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string days(long n) { return count(n, "day"); }

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

/// Each row of `rows` as one line, columns padded to their widest cell.
std::vector<std::string> format_table(const text_style& style, const std::vector<std::vector<cell>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (widths.size() <= c) widths.push_back(0);
      widths[c] = std::max(widths[c], display_width(row[c].text));
    }
  std::vector<std::string> lines;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(widths[c] - display_width(row[c].text), ' ');
      const bool last = c + 1 == row.size();
      if (c != 0) line += "  ";
      if (row[c].right) line += pad;
      line += style.paint(row[c].text, row[c].colour);
      if (!row[c].right && !last) line += pad;
    }
    line.erase(line.find_last_not_of(' ') + 1); // an empty last cell leaves no trailing blanks
    lines.push_back(std::move(line));
  }
  return lines;
}

/// `text` broken into lines of at most `width` columns at spaces (long words stay whole).
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

/// G4 run lines: since/until with days left when covered; last run and next window when not.
std::vector<std::vector<cell>> run_rows(const verdict& v) {
  std::vector<std::vector<cell>> rows;
  if (v.covered()) {
    if (v.covered_since) rows.push_back({{"covered since"}, {to_string(*v.covered_since)}});
    if (v.covered_until)
      rows.push_back({{"covered until"},
                      {to_string(*v.covered_until) + " (" + days(days_between(v.on, *v.covered_until)) + " left)"}});
    else
      rows.push_back({{"covered until"}, {"no end date"}});
  } else {
    if (v.covered_since && v.covered_until)
      rows.push_back({{"last covered"},
                      {to_string(*v.covered_since) + " – " + to_string(*v.covered_until) + " (ended " +
                       days(days_between(*v.covered_until, v.on)) + " before " + to_string(v.on) + ")"}});
    else
      rows.push_back({{"last covered"}, {"never, before this date", tone::dim}});
    if (v.next_covered_from)
      rows.push_back({{"next window"},
                      {to_string(*v.next_covered_from) + " (in " + days(days_between(v.on, *v.next_covered_from)) + ")"}});
    else
      rows.push_back({{"next window"}, {"none on file", tone::dim}});
  }
  // Many ids (inherited evidence, C16) continue on further lines under the first.
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < v.satisfied_by.size(); ++i) {
    const std::string id = v.satisfied_by[i].str() + (i + 1 < v.satisfied_by.size() ? "," : "");
    if (lines.empty() || display_width(lines.back()) + 1 + display_width(id) > 76)
      lines.push_back(id);
    else
      lines.back() += " " + id;
  }
  if (lines.empty()) rows.push_back({{"evidence"}, {"none", tone::dim}});
  for (std::size_t i = 0; i < lines.size(); ++i) rows.push_back({{i == 0 ? "evidence" : ""}, {lines[i]}});
  return rows;
}

/// The SGR parameter of each tone (green, yellow, red, faint, bold); none for plain.
std::string_view sgr_of(tone t) {
  switch (t) {
  case tone::plain: return "";
  case tone::good: return "32";
  case tone::warn: return "33";
  case tone::bad: return "31";
  case tone::dim: return "2";
  case tone::bold: return "1";
  }
  return "";
}

} // namespace

std::string text_style::paint(std::string_view text, tone t) const {
  const auto code = sgr_of(t);
  if (!colour || code.empty() || text.empty()) return std::string(text);
  return "\033[" + std::string(code) + "m" + std::string(text) + "\033[0m";
}

text_style detect_text_style() {
  if (env_set("NO_COLOR")) return {false};
  const char* force = std::getenv("CLICOLOR_FORCE");
  if (force != nullptr && *force != '\0' && std::string_view(force) != "0") return {true};
  return {isatty(STDOUT_FILENO) == 1};
}

void print_table(std::ostream& out, const text_style& style, const std::vector<std::vector<cell>>& rows,
                 std::string_view indent) {
  for (const auto& line : format_table(style, rows)) out << indent << line << '\n';
}

void print_verdict(std::ostream& out, const text_style& style, const verdict& v, const std::string& vendor_name,
                   const std::string& requirement_text) {
  const auto look = look_of(v.status);
  out << style.paint(std::string(look.mark) + " " + std::string(look.words), look.colour) << ": "
      << style.paint(v.vendor ? v.vendor->str() : vendor_name, tone::bold) << " for "
      << style.paint(requirement_text, tone::bold) << " on " << to_string(v.on) << '\n';
  print_table(out, style, run_rows(v), "  ");
  if (v.findings.empty()) return;

  out << "\n  findings (" << v.findings.size() << "; * = decided the answer, Q2)\n";
  std::vector<std::vector<cell>> rows;
  for (const auto& f : v.findings)
    rows.push_back({{f.decisive ? "*" : " "},
                    {std::string(to_string(f.severity)), tone_of(f.severity)},
                    {std::string(to_string(f.code))},
                    {f.evidence ? f.evidence->str() : std::string(), tone::dim}});
  const auto lines = format_table(style, rows);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out << "  " << lines[i] << '\n';
    for (const auto& l : wrap(v.findings[i].message, 90)) out << "      " << l << '\n';
  }
}

void print_window(std::ostream& out, const text_style& style, const window_result& w, const std::string& vendor_name,
                  const std::string& requirement_text) {
  const auto look = look_of(w.status);
  const long gap_days = w.gap_days();
  const std::string words = w.status == coverage_status::not_covered ? "not covered throughout"
                            : w.status == coverage_status::covered_with_warnings
                                ? "covered throughout, with warnings"
                                : "covered throughout";
  out << style.paint(std::string(look.mark) + " " + words, look.colour) << ": "
      << style.paint(w.vendor ? w.vendor->str() : vendor_name, tone::bold) << " for "
      << style.paint(requirement_text, tone::bold) << ", " << to_string(w.range.first) << " – "
      << to_string(w.range.last) << " (" << days(w.range.days()) << ")";
  if (gap_days > 0)
    out << ": " << days(gap_days) << " not covered, in " << count(w.gaps.runs().size(), "gap");
  out << "\n\n";
  std::vector<std::vector<cell>> rows;
  for (const auto& p : w.periods) {
    const auto pl = look_of(p.status);
    std::string evidence;
    for (const auto& e : p.satisfied_by) evidence += (evidence.empty() ? "" : " ") + e.str();
    rows.push_back({{std::string(pl.mark) + (p.status == coverage_status::not_covered ? " gap" : " covered"), pl.colour},
                    {to_string(p.days.first) + " – " + to_string(p.days.last)},
                    {days(p.days.days()), tone::plain, true},
                    {evidence, tone::dim}});
  }
  const auto lines = format_table(style, rows);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out << "  " << lines[i] << '\n';
    const auto& p = w.periods[i];
    for (const auto& f : p.findings) {
      out << "      " << (f.decisive ? "* " : "  ") << style.paint(std::string(to_string(f.severity)), tone_of(f.severity))
          << " " << to_string(f.code) << (f.evidence ? " [" + f.evidence->str() + "]" : std::string()) << '\n';
      for (const auto& l : wrap(f.message, 86)) out << "          " << style.paint(l, tone::dim) << '\n';
    }
  }
}

/// A vendors × requirements table: the header, then a row per vendor, each cell its status mark
/// and `detail(cell)` after it.
template <class Matrix, class Detail>
void print_cells(std::ostream& out, const text_style& style, const Matrix& m, Detail&& detail) {
  std::vector<std::vector<cell>> rows;
  std::vector<cell> header{{"vendor", tone::bold}};
  for (const auto& r : m.requirements) header.push_back({r, tone::bold});
  rows.push_back(std::move(header));
  for (std::size_t i = 0; i < m.vendors.size(); ++i) {
    std::vector<cell> row{{m.vendors[i].str()}};
    for (const auto& c : m.cells[i]) {
      const auto look = look_of(c.status);
      row.push_back({std::string(look.mark) + detail(c), look.colour});
    }
    rows.push_back(std::move(row));
  }
  print_table(out, style, rows, "  ");
}

void print_matrix(std::ostream& out, const text_style& style, const matrix_result& m) {
  out << "Coverage on " << to_string(m.on) << ": " << count(m.vendors.size(), "vendor") << " × "
      << count(m.requirements.size(), "requirement") << "\n\n";
  print_cells(out, style, m, [](const matrix_cell& c) {
    if (c.status == coverage_status::not_covered) return std::string();
    return c.days_left ? " " + std::to_string(*c.days_left) + "d" : std::string(" ∞");
  });
  out << "\n  " << style.paint("✓", tone::good) << " covered   " << style.paint("!", tone::warn)
      << " covered with warnings   " << style.paint("✗", tone::bad) << " not covered   "
      << "Nd days left   ∞ no end date\n";
}

void print_window_matrix(std::ostream& out, const text_style& style, const window_matrix_result& m) {
  out << "Coverage throughout " << to_string(m.range.first) << " – " << to_string(m.range.last) << " ("
      << days(m.range.days()) << "): " << count(m.vendors.size(), "vendor") << " × "
      << count(m.requirements.size(), "requirement") << "\n\n";
  print_cells(out, style, m, [&](const window_cell& c) {
    return c.gap_days > 0 && c.gap_days < m.range.days() ? " " + std::to_string(c.gap_days) + "d" : std::string();
  });
  out << "\n  " << style.paint("✓", tone::good) << " covered every day   " << style.paint("!", tone::warn)
      << " every day, with warnings   " << style.paint("✗ Nd", tone::bad) << " N days not covered   "
      << style.paint("✗", tone::bad) << " no day covered\n";
}

void print_expiring(std::ostream& out, const text_style& style, const std::vector<expiring_item>& items, date on,
                    long within) {
  out << "Renewals due within " << days(within) << " of " << to_string(on) << ": " << items.size() << '\n';
  if (items.empty()) return;
  out << '\n';
  std::vector<std::vector<cell>> rows{{{"ends", tone::bold},
                                       {"days left", tone::bold, true},
                                       {"vendor", tone::bold},
                                       {"framework", tone::bold},
                                       {"evidence", tone::bold},
                                       {"renewal needed", tone::bold}}};
  for (const auto& item : items)
    rows.push_back({{to_string(item.ends)},
                    {std::to_string(item.days_left), item.days_left <= 30 ? tone::bad : tone::warn, true},
                    {item.vendor.str()},
                    {item.framework.str()},
                    {item.evidence ? item.evidence->str() : std::string("(agreement)"), tone::dim},
                    {std::string(to_string(item.renewal))}});
  const auto lines = format_table(style, rows);
  out << "  " << lines.front() << '\n';
  for (std::size_t i = 0; i < items.size(); ++i) {
    out << "  " << lines[i + 1] << '\n';
    for (const auto& l : wrap(items[i].message, 90)) out << "      " << style.paint(l, tone::dim) << '\n';
  }
}

void print_lint(std::ostream& out, const text_style& style, const std::string& path,
                const std::vector<diagnostic>& diags) {
  std::size_t errors = 0;
  std::vector<std::vector<cell>> rows;
  for (const auto& d : diags) {
    const bool error = d.level == diagnostic_level::error;
    errors += error ? 1 : 0;
    // path:line:column first, as compilers print it, so editors can jump to it.
    const std::string where = path + (d.line != 0 ? ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : "");
    rows.push_back({{where + ":"},
                    {error ? "error" : "warning", error ? tone::bad : tone::warn},
                    {d.lint_code.empty() ? std::string(to_string(d.code)) : d.lint_code, tone::bold},
                    {d.pointer.empty() ? std::string("(document)") : d.pointer, tone::dim}});
  }
  const auto lines = format_table(style, rows);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out << lines[i] << '\n';
    for (const auto& l : wrap(without_path_prefix(diags[i].message, path), 90)) out << "    " << l << '\n';
  }
  out << (diags.empty() ? "" : "\n")
      << style.paint((errors == 0 ? "✓ " : "✗ ") + path + ": " + count(errors, "error") + ", " +
                         count(diags.size() - errors, "warning"),
                     errors == 0 ? tone::good : tone::bad)
      << '\n';
}

} // namespace compliance::cli
