// Certificates (C1–C6): validity from issue to expiry (C1), suspensions (C2), withdrawal (C3),
// edition cut-offs (C4), the surveillance cycle (C5), and extensions that count only while the
// certificate they extend does (C6).
#include "rules/evaluator.hpp"

#include "compliance/surveillance.hpp"
#include "model/counted_audits.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

namespace {
constexpr int max_requires_depth = 4; // C6 chains (custom rows could loop)
} // namespace

void evidence_evaluator::dates(const certificate& c) {
  out_->base = span(c.issued, c.expires); // C1: first_certified never extends it
  const std::string& id = e_->id.str();
  // C2, C3: status events.
  for (const auto& s : c.status) {
    if (s.state == status_state::withdrawn) {
      cut(from(s.from), finding_code::withdrawn,
          [&] { return cat({"The certificate ", id, " was withdrawn on ", s.from, "; nothing after that date counts."}); });
    } else if (s.state == status_state::suspended) {
      const std::optional<date> end = suspension_end(c, s);
      const date last = end ? *end : max_date();
      const bool long_ = suspension_is_long(s, end);
      cut(span(s.from, last), finding_code::suspended, [&] {
        const bool open = last == max_date();
        return cat({"The certificate ", id, " was suspended from ", s.from, open ? " and has not been reinstated" : " through ",
                    open ? piece("") : piece(last),
                    long_ ? "; a suspension over 6 months: verify with the certification body." : "."});
      });
      if (long_ && last != max_date())
        note(from(last + days(1)), finding_code::suspension_exceeds_6_months, severity::warning, [&] {
          return cat({"The certificate ", id, " was suspended for more than 6 months (", s.from, " to ", last,
                      "); verify its status with the certification body."});
        });
    }
  }
  // C4: edition cut-off.
  const auto& ed = e_->edition ? e_->edition : row_->default_edition;
  const edition* const edition_row = ed ? row_->find_edition(*ed) : nullptr;
  if (edition_row && edition_row->last_day)
    cut(from(*edition_row->last_day + days(1)), finding_code::edition_withdrawn, [&] {
      return cat({"Certificates to ", e_->framework.str(), ":", edition_row->id, " are void after ",
                  *edition_row->last_day, " (the edition was withdrawn), whatever ", id, "'s expiry date ", c.expires,
                  " says."});
    });
  surveillance(c);
  requires_(edition_row);
}

// C5: the surveillance cycle, anchored at `issued`.
void evidence_evaluator::surveillance(const certificate& c) {
  if (!c.audits || ctx_.pol.surveillance == surveillance_policy::ignore) return;
  const std::string& id = e_->id.str();
  // A major nonconformity stands until a later audit passes cleanly (whatever the cycle).
  const counted_audits counted(c);
  const std::size_t count = counted.size();
  for (std::size_t i = 0; i < count; ++i)
    if (counted[i].outcome == audit_outcome::major_nonconformity) {
      date until = max_date();
      for (std::size_t j = i + 1; j < count; ++j)
        if (counted[j].outcome == audit_outcome::passed) { until = counted[j].on - days(1); break; }
      const date on = counted[i].on;
      note(span(on, until), finding_code::major_nonconformity, severity::warning, [&, on] {
        return cat({"The surveillance audit of ", id, " on ", on, " found a major nonconformity."});
      });
    }
  // The interim audits the framework's cycle owes (compliance/surveillance.hpp): each missed one
  // warns, or under a strict policy removes, the days from its grace limit until it is made up.
  if (!row_->cycle) return;
  for (const auto& d : surveillance_schedule(c, *row_->cycle, ctx_.pol, ctx_.on)) {
    if (d.on_time) continue;
    const date due = d.due, limit = d.grace_until;
    const std::optional<date> made_up = d.met_by ? std::optional<date>(d.met_by->on) : std::nullopt;
    const interval_set overdue = span(limit + days(1), made_up ? *made_up - days(1) : max_date());
    const long k = d.number;
    auto message = [&, due, limit, made_up, k] {
      const bool grace = limit != due;
      return cat({"Surveillance audit ", k, " of ", id, " was due on ", due, grace ? " (grace through " : "",
                  grace ? piece(limit) : piece(""), grace ? ")" : "",
                  made_up ? "; it was only recorded on " : " and none is recorded.", made_up ? piece(*made_up) : piece(""),
                  made_up ? "." : ""});
    };
    if (ctx_.pol.surveillance == surveillance_policy::strict)
      cut(overdue, finding_code::surveillance_overdue, message);
    else
      note(overdue, finding_code::surveillance_overdue, severity::warning, message);
  }
}

// C6: 27017, 27018, 27701:2019 cover only while the vendor's own 27001 does.
/// `ed`: the catalog row of the certificate's edition, if it has one.
void evidence_evaluator::requires_(const edition* ed) {
  std::optional<framework_id> needed = row_->requires;
  if (ed && ed->requires) needed = ed->requires;
  if (!needed) return;
  interval_set own;
  if (depth_ < max_requires_depth) {
    query_context inner(ctx_, detail_level::none);
    inner.pol.accept_inherited = false; // never inherited
    atom a;
    a.framework = *needed;
    for (const auto& ev : evaluate_atom_evidence_at(inner, out_->owner, a, depth_ + 1)) own = own | ev.covered;
  }
  cut(own.complement(), finding_code::requires_missing, [&, needed] {
    return cat({e_->framework.str(), " is an extension of ", needed->str(), ": ", e_->id.str(), " counts only while ",
                ctx_.vendor(out_->owner).id.str(), " holds its own ", needed->str(), " certification."});
  });
}

} // namespace compliance::detail
