// The subcommands: read the inputs (inputs.hpp), ask the library one question, print the answer
// as text or JSON. Nothing here decides coverage; that is the library's (G5).
#include "commands.hpp"

#include "json_output.hpp"
#include "text_output.hpp"
#include "timeline_svg.hpp"

#include "compliance_cli_schema.hpp" // generated from data/compliance-registry-1.schema.json

#include <compliance/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

namespace compliance::cli {

namespace {

/// Prints the answer in the chosen format: one JSON document, or text for a terminal.
template <class Text, class Json>
void emit(const common_options& common, Text&& text, Json&& json) {
  if (format_of(common) == output_format::json)
    write_json(std::cout, json());
  else
    text(std::cout, detect_text_style());
}

query_options query_options_of(const check_options& o) {
  query_options q;
  if (!o.service.empty()) q.service = o.service;
  if (!o.region.empty()) q.region = o.region;
  if (!o.plan.empty()) q.plan = o.plan;
  if (o.accept_inherited) q.policy.accept_inherited = true; // C16
  if (!o.min_assurance.empty()) q.minimum_assurance = enum_from_string<assurance>(o.min_assurance); // C17
  for (const auto& p : o.policy) apply_policy_option(p, q.policy);
  return q;
}

/// W2's default columns: each framework that appears in the data, in catalog order.
std::vector<requirement> frameworks_in_data(const registry& reg) {
  std::vector<requirement> out;
  for (const auto& id : reg.frameworks_in_use()) out.push_back(reg.parse(id.str()));
  return out;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << content;
  if (!out) throw usage_error("--output " + path + ": cannot write the file: " + std::strerror(errno));
}

} // namespace

/// The window of `SUBCOMMAND --from A --to B`, checked: both given, in order, and not with --on.
std::optional<interval> window_of(const char* subcommand, const common_options& common, const std::string& from,
                                  const std::string& to) {
  if (from.empty() && to.empty()) return std::nullopt;
  const std::string where = std::string(subcommand) + ": ";
  if (!common.on.empty())
    throw usage_error(where + "--on and --from/--to cannot be used together (one date, or every day of a window)");
  if (from.empty() || to.empty())
    throw usage_error(where + (from.empty() ? "--to" : "--from") + " needs " + (from.empty() ? "--from" : "--to") +
                      " (the window is both ends, inclusive)");
  const interval w{parse_date_option("--from", from), parse_date_option("--to", to)};
  if (w.last < w.first) throw usage_error("--from " + to_string(w.first) + " is after --to " + to_string(w.last));
  return w;
}

int run_check(const common_options& common, const check_options& options) {
  if (const auto range = window_of("check", common, options.from, options.to)) {
    const registry reg = load_registry(common.data);
    const requirement req = parse_requirement_option(reg, options.requirement);
    const window_result w = reg.window(options.vendor, req, *range, query_options_of(options));
    if (!w.vendor) throw usage_error(unknown_vendor_reason(options.vendor, reg.check(options.vendor, req, range->first).suggestions)); // G2
    const std::string canonical = to_string(req);
    emit(
        common, [&](std::ostream& out, const text_style& style) { print_window(out, style, w, options.vendor, canonical); },
        [&] { return window_json(w, canonical); });
    return w.covered_throughout() ? exit_ok : exit_not_covered;
  }
  const date on = query_date(common);
  const registry reg = load_registry(common.data);
  const requirement req = parse_requirement_option(reg, options.requirement);
  const query_options query = query_options_of(options);
  const verdict v = reg.check(options.vendor, req, on, query);
  if (v.has(finding_code::unknown_vendor)) throw usage_error(unknown_vendor_reason(options.vendor, v.suggestions)); // G2
  const std::string canonical = to_string(req);
  emit(
      common, [&](std::ostream& out, const text_style& style) { print_verdict(out, style, v, options.vendor, canonical); },
      [&] { return verdict_json(v, canonical); });
  return v.covered() ? exit_ok : exit_not_covered;
}

int run_report(const common_options& common, const report_options& options) {
  const auto range = window_of("report", common, options.from, options.to);
  const date on = range ? range->first : query_date(common);
  const registry reg = load_registry(common.data);
  std::vector<requirement> reqs;
  for (const auto& text : options.requirements) reqs.push_back(parse_requirement_option(reg, text));
  if (reqs.empty()) reqs = frameworks_in_data(reg);
  if (range) { // each cell: covered on every day of the window (W3), as `check --from --to` says
    const window_matrix_result m = reg.matrix(reqs, *range);
    emit(
        common, [&](std::ostream& out, const text_style& style) { print_window_matrix(out, style, m); },
        [&] { return window_matrix_json(m); });
    return exit_ok;
  }
  const matrix_result m = reg.matrix(reqs, on);
  emit(
      common, [&](std::ostream& out, const text_style& style) { print_matrix(out, style, m); },
      [&] { return matrix_json(m); });
  return exit_ok;
}

int run_expiring(const common_options& common, const expiring_options& options) {
  const date on = query_date(common);
  const registry reg = load_registry(common.data);
  const auto items = reg.expiring(on, options.within);
  emit(
      common,
      [&](std::ostream& out, const text_style& style) { print_expiring(out, style, items, on, options.within); },
      [&] { return expiring_json(items, on, options.within); });
  return exit_ok;
}

int run_timeline(const common_options& common, const timeline_options& options) {
  const bool html = ends_with(options.output, ".html") || ends_with(options.output, ".htm");
  if (!options.output.empty() && !html && !ends_with(options.output, ".svg"))
    throw usage_error("--output " + options.output + ": the file name must end in .svg or .html");
  const date on = query_date(common);
  const registry reg = load_registry(common.data);
  const vendor v = require_vendor(reg, options.vendor);
  interval range = default_timeline_range(v, on);
  if (!options.from.empty()) range.first = parse_date_option("--from", options.from);
  if (!options.to.empty()) range.last = parse_date_option("--to", options.to);
  if (range.last < range.first)
    throw usage_error("--from " + to_string(range.first) + " is after --to " + to_string(range.last));
  const timeline_result t = reg.timeline(v.id.str(), range, on);

  if (!options.output.empty())
    write_file(options.output, html ? render_timeline_html(reg, t) : render_timeline_svg(reg, t));
  if (format_of(common) == output_format::json)
    write_json(std::cout, timeline_json(t));
  else if (options.output.empty())
    std::cout << render_timeline_svg(reg, t);
  else
    std::cout << "wrote " << options.output << ": " << t.lanes.size() << " lanes, " << to_string(range.first) << " to "
              << to_string(range.last) << '\n';
  return exit_ok;
}

int run_lint(const common_options& common, const std::string& file) {
  const auto diags = lint_file(file);
  // An unreadable file is a usage problem (exit 2), not a finding about the document.
  if (diags.size() == 1 && diags.front().code == errc::io_error)
    throw usage_error(one_line_summary(file, diagnostics{diags}));
  const bool errors = std::any_of(diags.begin(), diags.end(),
                                  [](const diagnostic& d) { return d.level == diagnostic_level::error; });
  emit(
      common, [&](std::ostream& out, const text_style& style) { print_lint(out, style, file, diags); },
      [&] { return lint_json(file, diags); });
  return errors ? exit_not_covered : exit_ok;
}

int run_schema() {
  if (schema_size == 0) throw usage_error("this build has no schema: data/compliance-registry-1.schema.json was missing");
  std::cout.write(reinterpret_cast<const char*>(schema_bytes), static_cast<std::streamsize>(schema_size));
  return exit_ok;
}

} // namespace compliance::cli
