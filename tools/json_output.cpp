// --format json: the documents of docs/cli.md ("JSON output"), built with Boost.JSON. Field names
// are part of the command's interface: change them only with a new `format` value.
#include "json_output.hpp"

#include "inputs.hpp"

#include <boost/json/serialize.hpp>

#include <ostream>

namespace compliance::cli {

namespace json = boost::json;

namespace {

json::value date_or_null(const std::optional<date>& d) {
  return d ? json::value(to_string(*d)) : json::value(nullptr);
}

template <class Id>
json::value id_or_null(const std::optional<Id>& id) {
  return id ? json::value(id->str()) : json::value(nullptr);
}

/// The head every document shares.
json::object document(const char* command) {
  json::object o;
  o["format"] = cli_json_format;
  o["command"] = command;
  return o;
}

json::object finding_json(const finding& f) {
  json::object o;
  o["code"] = to_string(f.code);
  o["severity"] = to_string(f.severity);
  o["evidence"] = id_or_null(f.evidence);
  o["message"] = f.message;
  o["decisive"] = f.decisive;
  return o;
}

json::array ids_json(const std::vector<evidence_id>& ids) {
  json::array a;
  for (const auto& e : ids) a.push_back(json::value(e.str()));
  return a;
}

json::array findings_json(const std::vector<finding>& findings) {
  json::array a;
  for (const auto& f : findings) a.push_back(finding_json(f));
  return a;
}

json::object cell_json(const std::string& requirement_text, const matrix_cell& c) {
  json::object o;
  o["requirement"] = requirement_text;
  o["status"] = to_string(c.status);
  o["covered"] = c.status != coverage_status::not_covered;
  o["covered_until"] = date_or_null(c.covered_until);
  o["days_left"] = c.days_left ? json::value(*c.days_left) : json::value(nullptr);
  return o;
}

json::object segment_json(const lane_segment& s) {
  json::object o;
  o["from"] = to_string(s.days.first);
  o["to"] = s.days.open_ended() ? json::value(nullptr) : json::value(to_string(s.days.last));
  o["kind"] = to_string(s.kind);
  o["code"] = s.code ? json::value(to_string(*s.code)) : json::value(nullptr);
  return o;
}

json::object lane_json(const timeline_lane& lane) {
  json::object o;
  o["label"] = lane.label;
  o["kind"] = lane.evidence ? "evidence" : "agreement";
  o["evidence"] = id_or_null(lane.evidence);
  o["framework"] = id_or_null(lane.framework);
  json::array segments;
  for (const auto& s : lane.segments) segments.push_back(segment_json(s));
  o["segments"] = std::move(segments);
  json::array marks;
  for (const auto& m : lane.marks) marks.push_back(json::object{{"on", to_string(m.on)}, {"label", m.label}});
  o["marks"] = std::move(marks);
  return o;
}

void write_indent(std::ostream& out, std::size_t depth) { out << std::string(depth * 2, ' '); }

/// Pretty-printing recursion; our documents are a few levels deep.
void write_value(std::ostream& out, const json::value& v, std::size_t depth) {
  if (const auto* o = v.if_object(); o && !o->empty()) {
    out << "{\n";
    std::size_t i = 0;
    for (const auto& kv : *o) {
      write_indent(out, depth + 1);
      out << json::serialize(json::value(kv.key())) << ": ";
      write_value(out, kv.value(), depth + 1);
      out << (++i == o->size() ? "\n" : ",\n");
    }
    write_indent(out, depth);
    out << '}';
  } else if (const auto* a = v.if_array(); a && !a->empty()) {
    out << "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      write_indent(out, depth + 1);
      write_value(out, (*a)[i], depth + 1);
      out << (i + 1 == a->size() ? "\n" : ",\n");
    }
    write_indent(out, depth);
    out << ']';
  } else {
    out << json::serialize(v);
  }
}

} // namespace

json::value verdict_json(const verdict& v, const std::string& requirement_text) {
  json::object o = document("check");
  o["vendor"] = id_or_null(v.vendor);
  o["requirement"] = requirement_text;
  o["on"] = to_string(v.on);
  o["covered"] = v.covered();
  o["status"] = to_string(v.status);
  o["covered_since"] = date_or_null(v.covered_since);
  o["covered_until"] = date_or_null(v.covered_until);
  o["days_left"] = v.covered() && v.covered_until ? json::value(days_between(v.on, *v.covered_until)) : json::value(nullptr);
  o["next_covered_from"] = date_or_null(v.next_covered_from);
  o["satisfied_by"] = ids_json(v.satisfied_by);
  o["findings"] = findings_json(v.findings);
  return o;
}

json::value window_json(const window_result& w, const std::string& requirement_text) {
  json::object o = document("check");
  o["vendor"] = id_or_null(w.vendor);
  o["requirement"] = requirement_text;
  o["from"] = to_string(w.range.first);
  o["to"] = to_string(w.range.last);
  o["covered_throughout"] = w.covered_throughout();
  o["status"] = to_string(w.status);
  o["days"] = w.range.days();
  o["covered_days"] = w.range.days() - w.gap_days();
  o["gap_days"] = w.gap_days();
  const auto runs = [](const interval_set& set) {
    json::array a;
    for (const auto& r : set.runs())
      a.push_back(json::object{{"from", to_string(r.first)}, {"to", to_string(r.last)}, {"days", r.days()}});
    return a;
  };
  o["covered"] = runs(w.covered);
  o["gaps"] = runs(w.gaps);
  json::array periods;
  for (const auto& p : w.periods) {
    json::object po;
    po["from"] = to_string(p.days.first);
    po["to"] = to_string(p.days.last);
    po["days"] = p.days.days();
    po["status"] = to_string(p.status);
    po["satisfied_by"] = ids_json(p.satisfied_by);
    po["findings"] = findings_json(p.findings);
    periods.push_back(std::move(po));
  }
  o["periods"] = std::move(periods);
  return o;
}

/// The columns and rows every matrix document shares, each cell by `cell(requirement, cell)`.
template <class Matrix, class Cell>
void put_matrix(json::object& o, const Matrix& m, Cell&& cell) {
  json::array reqs;
  for (const auto& r : m.requirements) reqs.push_back(json::value(r));
  o["requirements"] = std::move(reqs);
  json::array rows;
  for (std::size_t i = 0; i < m.vendors.size(); ++i) {
    json::array cells;
    for (std::size_t j = 0; j < m.cells[i].size(); ++j) cells.push_back(cell(m.requirements[j], m.cells[i][j]));
    rows.push_back(json::object{{"vendor", m.vendors[i].str()}, {"cells", std::move(cells)}});
  }
  o["vendors"] = std::move(rows);
}

json::value window_matrix_json(const window_matrix_result& m) {
  json::object o = document("report");
  o["from"] = to_string(m.range.first);
  o["to"] = to_string(m.range.last);
  put_matrix(o, m, [](const std::string& requirement_text, const window_cell& c) {
    json::object co;
    co["requirement"] = requirement_text;
    co["status"] = to_string(c.status);
    co["covered_throughout"] = c.status != coverage_status::not_covered;
    co["gap_days"] = c.gap_days;
    co["first_gap"] = c.first_gap ? json::value(json::object{{"from", to_string(c.first_gap->first)},
                                                            {"to", to_string(c.first_gap->last)},
                                                            {"days", c.first_gap->days()}})
                                  : json::value(nullptr);
    return co;
  });
  return o;
}

json::value matrix_json(const matrix_result& m) {
  json::object o = document("report");
  o["on"] = to_string(m.on);
  put_matrix(o, m, cell_json);
  return o;
}

json::value expiring_json(const std::vector<expiring_item>& items, date on, long within) {
  json::object o = document("expiring");
  o["on"] = to_string(on);
  o["within_days"] = within;
  json::array out;
  for (const auto& item : items) {
    json::object i;
    i["vendor"] = item.vendor.str();
    i["evidence"] = id_or_null(item.evidence);
    i["framework"] = item.framework.str();
    i["ends"] = to_string(item.ends);
    i["days_left"] = item.days_left;
    i["renewal"] = to_string(item.renewal);
    if (item.grace_until) i["grace_until"] = to_string(*item.grace_until);
    i["message"] = item.message;
    out.push_back(std::move(i));
  }
  o["items"] = std::move(out);
  return o;
}

json::value timeline_json(const timeline_result& t) {
  json::object o = document("timeline");
  o["vendor"] = id_or_null(t.vendor);
  o["from"] = to_string(t.range.first);
  o["to"] = to_string(t.range.last);
  o["on"] = to_string(t.on);
  json::array lanes;
  for (const auto& lane : t.lanes) lanes.push_back(lane_json(lane));
  o["lanes"] = std::move(lanes);
  return o;
}

json::value lint_json(const std::string& path, const std::vector<diagnostic>& diags) {
  json::object o = document("lint");
  o["file"] = path;
  std::int64_t errors = 0;
  json::array out;
  for (const auto& d : diags) {
    const bool error = d.level == diagnostic_level::error;
    errors += error ? 1 : 0;
    json::object i;
    i["level"] = error ? "error" : "warning";
    i["code"] = d.lint_code.empty() ? std::string(to_string(d.code)) : d.lint_code;
    i["pointer"] = d.pointer;
    i["line"] = d.line != 0 ? json::value(d.line) : json::value(nullptr);
    i["column"] = d.line != 0 ? json::value(d.column) : json::value(nullptr);
    i["message"] = without_path_prefix(d.message, path);
    out.push_back(std::move(i));
  }
  o["errors"] = errors;
  o["warnings"] = static_cast<std::int64_t>(diags.size()) - errors;
  o["diagnostics"] = std::move(out);
  return o;
}

void write_json(std::ostream& out, const json::value& v) {
  write_value(out, v, 0);
  out << '\n';
}

} // namespace compliance::cli
