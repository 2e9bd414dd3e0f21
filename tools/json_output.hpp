#ifndef COMPLIANCE_TOOLS_JSON_OUTPUT_HPP
#define COMPLIANCE_TOOLS_JSON_OUTPUT_HPP

/// \file
/// `--format json`: one JSON document per run, with the field names documented in docs/cli.md
/// ("JSON output"). Every document starts with `"format": "compliance-cli/1"` and `"command"`;
/// optional values are present as `null` rather than left out, so scripts can rely on the keys.

#include <compliance/error.hpp>
#include <compliance/registry.hpp>

#include <boost/json/value.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace compliance::cli {

/// The value of every document's `format` field.
inline constexpr const char* cli_json_format = "compliance-cli/1";

/// check: the verdict (G4) for `requirement_text`.
boost::json::value verdict_json(const verdict& v, const std::string& requirement_text);

/// `check --from A --to B`: covered throughout the window or not, its runs, gaps and periods.
boost::json::value window_json(const window_result& w, const std::string& requirement_text);

/// report: the W2 matrix.
boost::json::value matrix_json(const matrix_result& m);
/// `report --from A --to B`: the matrix over a window.
boost::json::value window_matrix_json(const window_matrix_result& m);

/// expiring: the W1 worklist.
boost::json::value expiring_json(const std::vector<expiring_item>& items, date on, long within);

/// timeline: lanes, segments and marks.
boost::json::value timeline_json(const timeline_result& t);

/// lint: every diagnostic of `path` and the counts.
boost::json::value lint_json(const std::string& path, const std::vector<diagnostic>& diags);

/// Writes `v` indented by two spaces, with a final newline.
void write_json(std::ostream& out, const boost::json::value& v);

} // namespace compliance::cli

#endif
