// The timeline picture. Everything drawn is read off registry::timeline() (G5): the library
// decides which days are covered, in grace, bridged, warned about or removed; this file only
// decides where they go on the page and how they look.
#include "timeline_svg.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string_view>
#include <variant>

namespace compliance::cli {

namespace {

// ---------------------------------------------------------------------------------------------
// Look: one palette, one font, for every part of the picture.

constexpr const char* font_family = "'Inter', 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
constexpr const char* ink = "#1a202c";
constexpr const char* muted = "#4a5568";
constexpr const char* faint = "#718096";
constexpr const char* grid = "#e2e8f0";
constexpr const char* agreement_fill = "#3182ce";

/// How each kind of segment is painted and named in the legend.
struct kind_look {
  segment_kind kind;
  const char* fill;
  const char* legend;
};

constexpr kind_look kind_looks[] = {
    {segment_kind::covered, "#2f855a", "covered"},
    {segment_kind::grace, "#9ae6b4", "report still current (grace, C7)"},
    {segment_kind::bridge, "url(#bridge)", "bridge letter (C7)"},
    {segment_kind::warning, "#f6ad55", "covered, with a warning"},
    {segment_kind::removed, "url(#removed)", "not covered: suspended, withdrawn, no agreement"},
};

const kind_look& look_of(segment_kind k) {
  for (const auto& l : kind_looks)
    if (l.kind == k) return l;
  return kind_looks[0];
}

/// The colour of a mark: trouble red, a passed audit dark, anything else grey.
const char* mark_colour(const std::string& label) {
  const auto has = [&](std::string_view w) { return label.find(w) != std::string::npos; };
  if (has("suspended") || has("withdrawn") || has("failed")) return "#c53030";
  if (has("major-nonconformity")) return "#dd6b20";
  if (has("reinstated")) return "#2f855a";
  if (has("(overdue)") || has("(made-up)")) return "#dd6b20";
  if (has("audit")) return "#2d3748";
  return faint;
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    default: out += c;
    }
  return out;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u; }));
}

/// A generous estimate of the width of `s` in a sans-serif font of `px` (no font metrics here):
/// used only to keep labels from overlapping, so it errs wide.
double text_width(std::string_view s, double px, bool bold = false) {
  return static_cast<double>(code_points(s)) * px * (bold ? 0.62 : 0.58);
}

/// `s` shortened with an ellipsis to fit `width` pixels.
std::string fit(std::string s, double width, double px, bool bold = false) {
  if (text_width(s, px, bold) <= width) return s;
  while (!s.empty() && text_width(s + "…", px, bold) > width) {
    s.pop_back();
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0u) == 0x80u) s.pop_back();
  }
  return s + "…";
}

std::string num(double v) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << v;
  return o.str();
}

std::string span_text(const interval& days) { return to_string(days.first) + " – " + to_string(days.last); }

// ---------------------------------------------------------------------------------------------
// Lanes: what each one is called.

struct lane_caption {
  std::string title;  ///< "iso27001:2013 · certificate"
  std::string detail; ///< the evidence id, or what the agreement is
  std::string tip;    ///< the catalog's name of the framework
  std::string key;    ///< data-lane: the evidence id, or agreement-N
};

std::vector<lane_caption> captions(const registry& reg, const timeline_result& t) {
  std::vector<lane_caption> out;
  const std::optional<vendor> v = t.vendor ? reg.find_vendor(t.vendor->str()) : std::nullopt;
  std::size_t agreements = 0;
  for (const auto& lane : t.lanes) {
    lane_caption c;
    if (lane.evidence && v) {
      const auto it = std::find_if(v->evidence.begin(), v->evidence.end(),
                                   [&](const evidence& e) { return e.id == *lane.evidence; });
      if (it != v->evidence.end()) {
        c.title = it->framework.str() + (it->edition ? ":" + *it->edition : std::string()) + " · " +
                  std::string(to_string(it->type()));
        if (const auto* row = reg.frameworks().find(it->framework.str())) c.tip = row->name;
      }
      c.detail = lane.evidence->str();
      c.key = lane.evidence->str();
    } else {
      // "baa agreement" → "BAA · agreement": the kind is an acronym.
      const auto space = lane.label.find(' ');
      c.title = lane.label.substr(0, space);
      std::transform(c.title.begin(), c.title.end(), c.title.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      if (space != std::string::npos) c.title += " ·" + lane.label.substr(space);
      c.detail = "our agreement with the vendor (C14)";
      c.key = "agreement-" + std::to_string(++agreements);
    }
    if (c.title.empty()) c.title = lane.label;
    if (c.tip.empty()) c.tip = lane.label;
    out.push_back(std::move(c));
  }
  return out;
}

/// Runs of adjacent segments that are not `removed`: the stretches a reader calls "covered".
std::vector<interval> covered_runs(const timeline_lane& lane) {
  std::vector<interval> runs;
  for (const auto& s : lane.segments) {
    if (s.kind == segment_kind::removed) continue;
    if (!runs.empty() && runs.back().last.julian_day() + 1 == s.days.first.julian_day())
      runs.back().last = s.days.last;
    else
      runs.push_back(s.days);
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Geometry.

struct layout {
  double width = 1200;
  double margin = 28;
  double label_width = 220;
  double plot_x0 = 0, plot_x1 = 0;
  double badge_y = 84;  ///< top of the query-date badge
  double axis_y = 0;    ///< the axis line, under the year (and month) labels
  double lanes_top = 0;
  double lane_height = 54;
  double bar_height = 20;
  bool month_labels = false;
  interval range;

  double x(date d) const {
    const double total = static_cast<double>(range.days());
    const double offset = static_cast<double>((d - range.first).days());
    return plot_x0 + (plot_x1 - plot_x0) * std::clamp(offset / total, 0.0, 1.0);
  }
  /// Right edge of the last day of `d`'s column.
  double x_after(date d) const { return x(d + boost::gregorian::days(1)); }
  double lane_top(std::size_t i) const { return lanes_top + lane_height * static_cast<double>(i); }
  double bar_top(std::size_t i) const { return lane_top(i) + 12; }
  double lanes_bottom(std::size_t n) const { return lane_top(n); }
};

layout make_layout(const timeline_result& t, const std::vector<lane_caption>& caps) {
  layout l;
  l.range = t.range;
  double widest = 0;
  for (const auto& c : caps)
    widest = std::max({widest, text_width(c.title, 13, true), text_width(c.detail, 11)});
  l.label_width = std::clamp(widest + 20, 190.0, 330.0);
  l.plot_x0 = l.margin + l.label_width;
  l.plot_x1 = l.width - l.margin - 8;
  const double px_per_month = (l.plot_x1 - l.plot_x0) / (static_cast<double>(t.range.days()) / 30.44);
  l.month_labels = px_per_month >= 30;
  l.axis_y = l.month_labels ? 150 : 136;
  l.lanes_top = l.axis_y + 6;
  return l;
}

// ---------------------------------------------------------------------------------------------
// Drawing, one part at a time.

void draw_defs(std::ostream& o) {
  o << "<defs>\n"
       "  <pattern id=\"bridge\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
       "<rect width=\"6\" height=\"6\" fill=\"#c6f6d5\"/><rect width=\"3\" height=\"6\" fill=\"#2f855a\"/></pattern>\n"
       "  <pattern id=\"removed\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
       "<rect width=\"6\" height=\"6\" fill=\"#fed7d7\"/><rect width=\"2\" height=\"6\" fill=\"#f56565\"/></pattern>\n"
       "</defs>\n";
}

void draw_title(std::ostream& o, const layout& l, const registry& reg, const timeline_result& t) {
  const std::optional<vendor> v = t.vendor ? reg.find_vendor(t.vendor->str()) : std::nullopt;
  const std::string name = v && v->name ? *v->name : (t.vendor ? t.vendor->str() : std::string("unknown vendor"));
  const auto agreements = static_cast<std::size_t>(
      std::count_if(t.lanes.begin(), t.lanes.end(), [](const timeline_lane& lane) { return !lane.evidence; }));
  const std::size_t evidence = t.lanes.size() - agreements;
  std::string subtitle = (t.vendor ? t.vendor->str() + " · " : std::string()) + std::to_string(evidence) +
                         (evidence == 1 ? " piece" : " pieces") + " of evidence";
  if (agreements != 0) subtitle += ", " + std::to_string(agreements) + (agreements == 1 ? " agreement" : " agreements");
  subtitle += " · " + to_string(t.range.first) + " to " + to_string(t.range.last);
  o << "<text class=\"title\" x=\"" << l.margin << "\" y=\"44\" font-size=\"22\" font-weight=\"700\" fill=\"" << ink
    << "\">" << xml_escape(name) << " — compliance evidence timeline</text>\n";
  o << "<text class=\"subtitle\" x=\"" << l.margin << "\" y=\"68\" font-size=\"13\" fill=\"" << muted << "\">"
    << xml_escape(subtitle) << "</text>\n";
}

void draw_axis(std::ostream& o, const layout& l, std::size_t lanes) {
  const date first = l.range.first;
  const date last = l.range.last;
  const double bottom = l.lanes_bottom(lanes);
  o << "<g class=\"axis\" font-size=\"12\" fill=\"" << muted << "\">\n";
  // Month ticks on the axis line, year gridlines through the lanes.
  for (date m(first.year(), first.month(), 1); m <= last; m = add_months(m, 1)) {
    if (m < first) continue;
    const double x = l.x(m);
    const bool january = m.month() == 1;
    if (january)
      o << "  <line x1=\"" << num(x) << "\" y1=\"" << num(l.axis_y - 22) << "\" x2=\"" << num(x) << "\" y2=\""
        << num(bottom) << "\" stroke=\"" << grid << "\" stroke-width=\"1\"/>\n";
    o << "  <line x1=\"" << num(x) << "\" y1=\"" << num(l.axis_y) << "\" x2=\"" << num(x) << "\" y2=\""
      << num(l.axis_y - (january ? 8 : 4)) << "\" stroke=\"#a0aec0\" stroke-width=\"1\"/>\n";
    if (l.month_labels) {
      const double next = l.x(add_months(m, 1));
      static constexpr const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      if (next - x >= 24)
        o << "  <text x=\"" << num((x + next) / 2) << "\" y=\"" << num(l.axis_y - 6) << "\" font-size=\"10\" fill=\""
          << faint << "\" text-anchor=\"middle\">" << names[m.month() - 1] << "</text>\n";
    }
  }
  // A year's label sits in the middle of its visible span, when the span is wide enough for it.
  for (int y = first.year(); y <= last.year(); ++y) {
    const date from = std::max(first, date(static_cast<unsigned short>(y), 1, 1));
    const date to = std::min(last, date(static_cast<unsigned short>(y), 12, 31));
    const double x0 = l.x(from);
    const double x1 = l.x_after(to);
    if (x1 - x0 < 40) continue;
    o << "  <text class=\"year\" x=\"" << num((x0 + x1) / 2) << "\" y=\"" << num(l.axis_y - (l.month_labels ? 22 : 10))
      << "\" text-anchor=\"middle\" font-weight=\"600\">" << y << "</text>\n";
  }
  o << "  <line x1=\"" << num(l.plot_x0) << "\" y1=\"" << num(l.axis_y) << "\" x2=\"" << num(l.plot_x1) << "\" y2=\""
    << num(l.axis_y) << "\" stroke=\"#a0aec0\" stroke-width=\"1\"/>\n";
  o << "</g>\n";
}

void draw_lane_label(std::ostream& o, const layout& l, const lane_caption& c, std::size_t i) {
  const double mid = l.bar_top(i) + l.bar_height / 2;
  o << "  <g class=\"lane-label\"><title>" << xml_escape(c.tip) << "</title>\n";
  o << "    <text x=\"" << l.margin << "\" y=\"" << num(mid - 2) << "\" font-size=\"13\" font-weight=\"600\" fill=\""
    << ink << "\">" << xml_escape(fit(c.title, l.label_width - 16, 13, true)) << "</text>\n";
  o << "    <text x=\"" << l.margin << "\" y=\"" << num(mid + 13) << "\" font-size=\"11\" fill=\"" << faint << "\">"
    << xml_escape(fit(c.detail, l.label_width - 16, 11)) << "</text>\n";
  o << "  </g>\n";
}

void draw_segments(std::ostream& o, const layout& l, const timeline_lane& lane, std::size_t i) {
  const bool agreement = !lane.evidence;
  const double top = l.bar_top(i);
  for (const auto& s : lane.segments) {
    const double x0 = l.x(s.days.first);
    const double w = std::max(1.0, l.x_after(s.days.last) - x0);
    const char* fill = agreement && s.kind == segment_kind::covered ? agreement_fill : look_of(s.kind).fill;
    std::string tip = std::string(to_string(s.kind)) + (s.code ? " (" + std::string(to_string(*s.code)) + ")" : "") +
                      ": " + span_text(s.days);
    o << "  <rect class=\"segment " << to_string(s.kind) << "\" x=\"" << num(x0) << "\" y=\"" << num(top)
      << "\" width=\"" << num(w) << "\" height=\"" << l.bar_height << "\" fill=\"" << fill << "\"><title>"
      << xml_escape(tip) << "</title></rect>\n";
  }
}

/// Text under a bar, left- or right-aligned to `x`, with a white halo so the query-date line
/// never runs through it.
void note(std::ostream& o, double x, double y, const std::string& text, const char* colour, bool end = false) {
  o << "  <text x=\"" << num(x) << "\" y=\"" << num(y) << "\" font-size=\"11\" fill=\"" << colour
    << "\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"" << (end ? " text-anchor=\"end\"" : "") << ">"
    << xml_escape(text) << "</text>\n";
}

/// The first and last covered day under each covered run, when there is room: the start
/// left-aligned to the run, the end right-aligned, so labels of different runs never meet.
void draw_run_dates(std::ostream& o, const layout& l, const timeline_lane& lane, std::size_t i) {
  const double y = l.bar_top(i) + l.bar_height + 13;
  for (const auto& run : covered_runs(lane)) {
    const double x0 = l.x(run.first);
    const double x1 = l.x_after(run.last);
    const std::string start = to_string(run.first);
    const std::string end = to_string(run.last);
    const bool show_start = run.first != l.range.first;
    const bool show_end = run.last != l.range.last;
    const double need_end = text_width(end, 11);
    const double need_both = need_end + text_width(start, 11) + 12;
    const bool both = show_start && show_end && x1 - x0 >= need_both;
    if (both || (show_start && !show_end && x1 - x0 >= need_end)) note(o, x0, y, start, muted);
    if (show_end && x1 - x0 >= need_end) note(o, x1, y, end, muted, true);
  }
}

/// Why days are removed (the finding code: suspended, agreement-missing...), written inside the
/// removed stretch when it is wide enough: inside, it can never meet the date labels under the bar.
void draw_removed_reasons(std::ostream& o, const layout& l, const timeline_lane& lane, std::size_t i) {
  const double y = l.bar_top(i) + l.bar_height / 2 + 4;
  for (const auto& s : lane.segments) {
    if (s.kind != segment_kind::removed || !s.code) continue;
    const std::string why(to_string(*s.code));
    const double x0 = l.x(s.days.first);
    if (l.x_after(s.days.last) - x0 < text_width(why, 11, true) + 12) continue;
    o << "  <rect x=\"" << num(x0 + 3) << "\" y=\"" << num(l.bar_top(i) + 3) << "\" width=\""
      << num(static_cast<double>(code_points(why)) * 11 * 0.56 + 6) << "\" height=\"" << num(l.bar_height - 6)
      << "\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>\n";
    o << "  <text x=\"" << num(x0 + 6) << "\" y=\"" << num(y) << "\" font-size=\"11\" font-weight=\"600\" fill=\"#9b2c2c\">"
      << xml_escape(why) << "</text>\n";
  }
}

void draw_marks(std::ostream& o, const layout& l, const timeline_lane& lane, std::size_t i) {
  const double tip_y = l.bar_top(i) - 1;
  for (const auto& m : lane.marks) {
    const double x = l.x(m.on) + 0.5;
    o << "  <path class=\"mark\" d=\"M" << num(x - 5) << " " << num(tip_y - 8) << " L" << num(x + 5) << " "
      << num(tip_y - 8) << " L" << num(x) << " " << num(tip_y) << " Z\" fill=\"" << mark_colour(m.label)
      << "\" stroke=\"#ffffff\" stroke-width=\"1\"><title>" << xml_escape(to_string(m.on) + ": " + m.label)
      << "</title></path>\n";
  }
}

void draw_lanes(std::ostream& o, const layout& l, const timeline_result& t, const std::vector<lane_caption>& caps) {
  for (std::size_t i = 0; i < t.lanes.size(); ++i) {
    const auto& lane = t.lanes[i];
    o << "<g class=\"lane\" data-lane=\"" << xml_escape(caps[i].key) << "\" data-kind=\""
      << (lane.evidence ? "evidence" : "agreement") << "\">\n";
    if (i % 2 == 0)
      o << "  <rect x=\"" << num(l.margin - 8) << "\" y=\"" << num(l.lane_top(i)) << "\" width=\""
        << num(l.width - 2 * l.margin + 16) << "\" height=\"" << l.lane_height << "\" fill=\"#f7fafc\"/>\n";
    draw_lane_label(o, l, caps[i], i);
    o << "  <rect class=\"track\" x=\"" << num(l.plot_x0) << "\" y=\"" << num(l.bar_top(i)) << "\" width=\""
      << num(l.plot_x1 - l.plot_x0) << "\" height=\"" << l.bar_height << "\" fill=\"#edf2f7\"/>\n";
    draw_segments(o, l, lane, i);
    o << "</g>\n";
  }
}

/// Dates, reasons and marks: drawn after the query-date line, so they stay on top of it.
void draw_lane_notes(std::ostream& o, const layout& l, const timeline_result& t, const std::vector<lane_caption>& caps) {
  for (std::size_t i = 0; i < t.lanes.size(); ++i) {
    o << "<g class=\"lane-notes\" data-lane=\"" << xml_escape(caps[i].key) << "\">\n";
    draw_run_dates(o, l, t.lanes[i], i);
    draw_removed_reasons(o, l, t.lanes[i], i);
    draw_marks(o, l, t.lanes[i], i);
    o << "</g>\n";
  }
}

void draw_query_date(std::ostream& o, const layout& l, const timeline_result& t) {
  if (!t.range.contains(t.on)) return;
  const double x = l.x(t.on);
  const std::string label = "as of " + to_string(t.on);
  const double w = text_width(label, 11, true) + 14;
  const double bx = std::clamp(x - w / 2, l.plot_x0, l.plot_x1 - w);
  o << "<g class=\"query-date\">\n";
  o << "  <line x1=\"" << num(x) << "\" y1=\"" << num(l.badge_y + 18) << "\" x2=\"" << num(x) << "\" y2=\""
    << num(l.lanes_bottom(t.lanes.size())) << "\" stroke=\"" << ink << "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n";
  o << "  <rect x=\"" << num(bx) << "\" y=\"" << num(l.badge_y) << "\" width=\"" << num(w)
    << "\" height=\"18\" rx=\"4\" fill=\"" << ink << "\"/>\n";
  o << "  <text x=\"" << num(bx + w / 2) << "\" y=\"" << num(l.badge_y + 13) << "\" font-size=\"11\" font-weight=\"600\" "
    << "fill=\"#ffffff\" text-anchor=\"middle\">" << label << "</text>\n";
  o << "</g>\n";
}

/// The legend, in a grid of three columns, naming only what the picture shows; returns the
/// height used.
double draw_legend(std::ostream& o, const layout& l, double top, const timeline_result& t) {
  struct item {
    std::string fill;
    std::string text;
    bool mark = false;
  };
  const auto shown = [&](auto&& pred) {
    return std::any_of(t.lanes.begin(), t.lanes.end(), [&](const timeline_lane& lane) { return pred(lane); });
  };
  std::vector<item> items;
  for (const auto& k : kind_looks)
    if (shown([&](const timeline_lane& lane) {
          return lane.evidence && std::any_of(lane.segments.begin(), lane.segments.end(),
                                              [&](const lane_segment& s) { return s.kind == k.kind; });
        }))
      items.push_back({k.fill, k.legend});
  if (shown([](const timeline_lane& lane) { return !lane.evidence; }))
    items.push_back({agreement_fill, "agreement in force (C14)"});
  if (shown([](const timeline_lane& lane) { return !lane.marks.empty(); }))
    items.push_back({"#2d3748", "audit or status event (hover for details)", true});
  constexpr std::size_t columns = 3;
  const double column_width = (l.width - 2 * l.margin) / static_cast<double>(columns);
  o << "<g class=\"legend\" font-size=\"12\" fill=\"" << muted << "\">\n";
  for (std::size_t n = 0; n < items.size(); ++n) {
    const auto& it = items[n];
    const double x = l.margin + column_width * static_cast<double>(n % columns);
    const double y = top + 22 * static_cast<double>(n / columns);
    if (it.mark)
      o << "  <path d=\"M" << num(x + 2) << " " << num(y - 1) << " L" << num(x + 14) << " " << num(y - 1) << " L"
        << num(x + 8) << " " << num(y + 9) << " Z\" fill=\"" << it.fill << "\"/>\n";
    else
      o << "  <rect x=\"" << num(x) << "\" y=\"" << num(y - 2) << "\" width=\"16\" height=\"12\" rx=\"2\" fill=\""
        << it.fill << "\"/>\n";
    o << "  <text x=\"" << num(x + 22) << "\" y=\"" << num(y + 8) << "\">"
      << xml_escape(fit(it.text, column_width - 30, 12)) << "</text>\n";
  }
  o << "</g>\n";
  return 22 * static_cast<double>((items.size() + columns - 1) / columns);
}

/// Every date that bounds a piece of evidence or an agreement.
std::vector<date> evidence_dates(const vendor& v) {
  std::vector<date> out;
  const auto add = [&](const std::optional<date>& d) {
    if (d && *d != max_date()) out.push_back(*d);
  };
  for (const auto& e : v.evidence)
    std::visit(
        [&](const auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, certificate>) {
            add(d.issued);
            add(d.expires);
          } else if constexpr (std::is_same_v<T, report>) {
            add(d.as_of);
            add(d.period_from);
            add(d.period_to);
            for (const auto& b : d.bridge_letters) add(b.through);
          } else if constexpr (std::is_same_v<T, self_assessment>) {
            add(d.completed);
            add(d.valid_until);
          } else if constexpr (std::is_same_v<T, listing>) {
            add(d.listed);
            add(d.next_due);
          } else {
            add(d.since);
            add(d.until);
          }
        },
        e.details);
  for (const auto& a : v.agreements) {
    add(a.signed_on);
    add(a.ends);
  }
  return out;
}

/// What a lane shows on `on`, for the HTML summary.
std::string state_on(const timeline_lane& lane, date on) {
  for (const auto& s : lane.segments)
    if (s.days.contains(on))
      return std::string(to_string(s.kind)) + (s.code ? " (" + std::string(to_string(*s.code)) + ")" : "");
  return "not covered";
}

} // namespace

interval default_timeline_range(const vendor& v, date on) {
  auto dates = evidence_dates(v);
  dates.push_back(on);
  const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
  return {add_months(*lo, -3), add_months(*hi, 6)};
}

std::string render_timeline_svg(const registry& reg, const timeline_result& t) {
  const auto caps = captions(reg, t);
  const layout l = make_layout(t, caps);
  std::ostringstream body;
  draw_title(body, l, reg, t);
  draw_axis(body, l, t.lanes.size());
  draw_lanes(body, l, t, caps);
  draw_query_date(body, l, t);
  draw_lane_notes(body, l, t, caps);
  const double legend_top = l.lanes_bottom(t.lanes.size()) + 30;
  const double legend_height = draw_legend(body, l, legend_top, t);
  const double height = legend_top + legend_height + 16;

  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(l.width) << "\" height=\"" << num(height)
    << "\" viewBox=\"0 0 " << num(l.width) << " " << num(height) << "\" font-family=\"" << xml_escape(font_family)
    << "\" data-vendor=\"" << xml_escape(t.vendor ? t.vendor->str() : std::string()) << "\">\n";
  o << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  draw_defs(o);
  o << body.str() << "</svg>\n";
  return o.str();
}

std::string render_timeline_html(const registry& reg, const timeline_result& t) {
  const auto caps = captions(reg, t);
  std::string svg = render_timeline_svg(reg, t);
  svg.erase(0, svg.find("<svg")); // no XML declaration inside HTML
  std::ostringstream o;
  const std::string vendor = t.vendor ? t.vendor->str() : std::string();
  o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<title>" << xml_escape(vendor) << " — compliance timeline as of " << to_string(t.on) << "</title>\n"
    << "<style>\n"
    << "body { font-family: " << font_family << "; color: " << ink << "; margin: 24px; background: #ffffff; }\n"
    << "svg { max-width: 100%; height: auto; }\n"
    << "table { border-collapse: collapse; margin-top: 16px; font-size: 14px; }\n"
    << "th, td { text-align: left; padding: 6px 14px 6px 0; border-bottom: 1px solid " << grid << "; }\n"
    << "th { color: " << muted << "; font-weight: 600; }\n"
    << "h2 { font-size: 18px; margin: 24px 0 0; }\n"
    << "</style>\n</head>\n<body>\n"
    << svg << "<h2>On " << to_string(t.on) << "</h2>\n<table>\n<tr><th>lane</th><th>evidence</th><th>state</th></tr>\n";
  for (std::size_t i = 0; i < t.lanes.size(); ++i)
    o << "<tr><td>" << xml_escape(caps[i].title) << "</td><td>" << xml_escape(caps[i].detail) << "</td><td>"
      << xml_escape(state_on(t.lanes[i], t.on)) << "</td></tr>\n";
  o << "</table>\n</body>\n</html>\n";
  return o.str();
}

} // namespace compliance::cli
