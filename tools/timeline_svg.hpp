#ifndef COMPLIANCE_TOOLS_TIMELINE_SVG_HPP
#define COMPLIANCE_TOOLS_TIMELINE_SVG_HPP

/// \file
/// `compliance timeline`: a vendor's evidence as a picture (SVG, or an HTML page around it),
/// drawn from registry::timeline() — the same interval sets as every verdict (G5).

#include <compliance/registry.hpp>

#include <string>

namespace compliance::cli {

/// The default range of a vendor's timeline: from three months before its earliest evidence or
/// agreement date to six months after its latest, widened to include `on`.
interval default_timeline_range(const vendor& v, date on);

/// A standalone SVG document of `t`: one lane per evidence (and per agreement) with its label,
/// a date axis, covered/grace/bridge/warning/removed segments, audits and status events as marks
/// with tooltips, the query date as a line, a legend and a title. Each lane is a
/// `<g class="lane" data-lane="<evidence id or agreement-N>" data-kind="evidence|agreement">`.
/// \param reg the registry `t` was read from (for the vendor's name and the evidence details).
std::string render_timeline_svg(const registry& reg, const timeline_result& t);

/// A simple HTML page: a heading, the SVG, and a table of each lane's state on the query date.
std::string render_timeline_html(const registry& reg, const timeline_result& t);

} // namespace compliance::cli

#endif
