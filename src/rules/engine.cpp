// The coverage engine. Each evidence yields an interval set (its base days minus its cuts);
// atoms unite them, `&` and `|` intersect and unite (G5, Q2); findings are read off the same
// sets at the query date, so verdicts, worklists and timelines cannot disagree.
#include "rules/engine.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>

namespace compliance::detail {

namespace {

using boost::gregorian::days;

constexpr int max_requires_depth = 4; // C6 chains (custom rows could loop)

interval_set from(date first) { return interval_set(interval{first, max_date()}); }
interval_set span(date first, date last) { return interval_set(interval{first, last}); }

/// A finding whose message is only built when the query wants messages.
template <class Message>
finding make_finding(const query_context& ctx, finding_code code, severity sev, const evidence* e, Message&& message) {
  finding f;
  f.code = code;
  f.severity = sev;
  if (e) f.evidence = e->id;
  if (ctx.level == detail_level::full) f.message = message();
  return f;
}

bool contains_ci(const std::vector<std::string>& values, const std::string& v) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& x) { return iequals(x, v); });
}


const char* agreement_name(agreement_kind k) {
  switch (k) {
  case agreement_kind::baa: return "Business Associate Agreement (BAA)";
  case agreement_kind::dpa: return "data processing agreement (DPA)";
  case agreement_kind::nda: return "non-disclosure agreement (NDA)";
  }
  return "agreement";
}

/// C13: why a listing whose status is not active stopped counting.
std::string inactive_sentence(const evidence& e, const listing& l) {
  return cat({"The listing ", e.id.str(), " is ", to_string(*l.status), l.status_since ? " since " : " (since an unrecorded date)",
              l.status_since ? piece(*l.status_since) : piece(""), "."});
}

/// C13: a listing removed or inactive no later than its last day (its cut runs past next_due).
bool stopped_before_due(const listing& l, date last) {
  return l.status && *l.status != listing_status::active && (!l.status_since || *l.status_since <= last);
}

/// The path by which a vendor's evidence is reached: its own, or inherited (C16).
struct via {
  std::uint32_t vendor;                             ///< holder of the evidence
  bool inherited = false;
  std::optional<std::vector<std::string>> services; ///< C16: every link on the path restricts
  std::vector<std::uint32_t> chain;                 ///< the vendors relied on, outermost first
};

class evidence_evaluator {
public:
  evidence_evaluator(const query_context& ctx, std::uint32_t queried, const atom& a, int depth)
      : ctx_(ctx), queried_(queried), atom_(a), depth_(depth) {}

  evidence_eval run(const evidence& e, const via& path) {
    evidence_eval out;
    run(e, path, out);
    return out;
  }

  /// run(), into `out` (a new evidence_eval): a query's evaluations are written where they are
  /// kept, not moved there.
  void run(const evidence& e, const via& path, evidence_eval& out) {
    out.evidence = &e;
    out.owner = path.vendor;
    e_ = &e;
    out_ = &out;
    row_ = ctx_.frameworks.find(e.framework.str());
    if (!row_) return;
    if (!matches_framework()) return;
    out.relevant = true;
    if (!usable(path)) return;
    std::visit([this](const auto& details) { this->dates(details); }, e.details);
    interval_set removed;
    for (const auto& c : out.cuts) removed = removed | c.days;
    out.covered = out.base - removed;
    // The remarks are read only of evidence covering the date: none are written for the rest.
    if (ctx_.level != detail_level::none && out.covered.contains(ctx_.on)) remarks(path);
  }

private:
  // --- C11: does this evidence speak to the atom's framework at all? ---
  /// A report of a type the equivalence does not accept (a SOC 2 type 1 asked for as soc3) still
  /// speaks to the atom: it is rejected as type-insufficient (C8), not passed over as no evidence.
  bool matches_framework() {
    equivalence_ = nullptr;
    type_short_ = false;
    if (e_->framework == atom_.framework) return true;
    const auto* r = std::get_if<report>(&e_->details);
    for (const auto& eq : row_->satisfies) {
      if (eq.target != atom_.framework) continue;
      if (eq.type2_only && !r) continue;
      equivalence_ = &eq;
      type_short_ = eq.type2_only && r->kind != report_type::type2;
      return true;
    }
    return false;
  }

  /// The findings that hold whenever this evidence covers (C11, C15, C16, C8, C9), in that order.
  void remarks(const via& path) {
    if (const auto* eq = equivalence_)
      remark(finding_code::equivalent, severity::info, [&] {
        return cat({"The ", e_->framework.str(), " report ", e_->id.str(), " satisfies ", atom_.framework.str(),
                    eq->type2_only ? " (a SOC 3 is the general-use summary of a SOC 2 type 2 examination)." : " as its equivalent."});
      });
    scoped(path);
    if (path.inherited) {
      remark(finding_code::inherited, severity::info, [&] {
        std::string chain;
        for (auto v : path.chain) chain.append(chain.empty() ? "" : " -> ").append(ctx_.vendor(v).id.str());
        const std::string& queried = ctx_.vendor(queried_).id.str();
        return cat({e_->id.str(), " is held by ", ctx_.vendor(path.vendor).id.str(), ", a subservice organisation ", queried,
                    " relies on (", queried, " -> ", chain, "); its coverage is inherited."});
      });
    }
    const auto* r = std::get_if<report>(&e_->details);
    if (!r) return;
    const std::string& id = e_->id.str();
    if (period_is_short(*r))
      remark(finding_code::short_period, severity::warning, [&] {
        return cat({"The type 2 period of ", id, " (", *r->period_from, " to ", *r->period_to, ") is shorter than 6 months."});
      });
    if (!r->auditor_opinion)
      remark(finding_code::opinion_unknown, severity::info, [&] {
        return cat({"The auditor's opinion in ", id, " is not recorded; read the report to confirm it is unqualified."});
      });
    else if (*r->auditor_opinion == opinion::qualified)
      remark(finding_code::qualified_opinion, severity::warning, [&] {
        return cat({id, " carries a qualified opinion: read the exceptions before relying on it."});
      });
  }

  template <class Message>
  void remark(finding_code code, severity sev, Message&& message) {
    out_->always.push_back(make_finding(ctx_, code, sev, e_, message));
  }

  void reject(finding_code code, std::string message) {
    finding f;
    f.code = code;
    f.severity = severity::blocking;
    f.evidence = e_->id;
    if (ctx_.level == detail_level::full) f.message = std::move(message);
    out_->rejected = std::move(f);
  }

  // --- Qualifiers, scope, assurance and opinion: all-or-nothing usability ---
  bool usable(const via& path) {
    const bool full = ctx_.level == detail_level::full;
    const std::string& eid = e_->id.str();
    // C8 through C11: an equivalence that only a type 2 report satisfies.
    if (type_short_) {
      reject(finding_code::type_insufficient,
             full ? cat({eid, " is a type 1 report (controls as of one date); ", atom_.framework.str(),
                         " is satisfied only by a type 2 report of ", e_->framework.str(), "."})
                  : "");
      return false;
    }
    // Q1 edition qualifier (evidence without an edition reads as the row's default, C6).
    if (atom_.edition) {
      const auto ed = e_->edition ? e_->edition : row_->default_edition;
      if (ed != atom_.edition) {
        reject(finding_code::edition_mismatch,
               full ? cat({eid, ed ? " is of edition " : " is of no stated edition", ed ? piece(*ed) : piece(""), ", not ",
                           atom_.framework.str(), ":", *atom_.edition, "."})
                    : "");
        return false;
      }
    }
    // C8: type 1 never satisfies :type2; type 2 satisfies :type1.
    if (atom_.type) {
      const auto* r = std::get_if<report>(&e_->details);
      if (!r || (*atom_.type == report_type::type2 && r->kind != report_type::type2)) {
        reject(finding_code::type_insufficient,
               full ? cat({eid, r ? " is a type 1 report (controls as of one date)" : " is not a report",
                           "; the requirement asks for a ", to_string(*atom_.type), " report."})
                    : "");
        return false;
      }
    }
    // C12: variants; merchant-only SAQs satisfy only their explicit variant.
    if (const auto* s = std::get_if<self_assessment>(&e_->details)) {
      if (atom_.variant) {
        if (s->variant != atom_.variant) {
          reject(finding_code::variant_mismatch,
                 full ? cat({eid, " is ", s->variant ? piece(*s->variant) : piece("of no stated variant"), ", not the required ",
                             *atom_.variant, "."})
                      : "");
          return false;
        }
      } else if (s->variant && row_->is_merchant_only(*s->variant)) {
        reject(finding_code::merchant_only,
               full ? cat({eid, " is a merchant self-assessment (", *s->variant,
                           "): it describes how the vendor takes card payments, not how it handles yours; only an explicit ",
                           e_->framework.str(), ":", *s->variant, " requirement accepts it."})
                    : "");
        return false;
      }
    } else if (atom_.variant) {
      reject(finding_code::variant_mismatch, full ? cat({eid, " is not a self-assessment of variant ", *atom_.variant, "."}) : "");
      return false;
    }
    // C13: programs (with the programs they need).
    if (const auto* l = std::get_if<listing>(&e_->details)) {
      std::vector<std::string> missing;
      for (const auto& p : required_programs())
        if (std::find(l->programs.begin(), l->programs.end(), p) == l->programs.end()) missing.push_back(p);
      if (!missing.empty()) {
        reject(finding_code::program_missing,
               full ? cat({eid, " does not include the ", join(missing), missing.size() > 1 ? " programs." : " program."}) : "");
        return false;
      }
    } else if (!atom_.programs.empty()) {
      reject(finding_code::program_missing, full ? cat({eid, " is not a listing of the ", join(atom_.programs), " program."}) : "");
      return false;
    }
    // C10: criteria; security is implied.
    if (!atom_.criteria.empty()) {
      const auto* r = std::get_if<report>(&e_->details);
      std::vector<std::string> missing;
      for (const auto& c : atom_.criteria) {
        const bool implied = std::find(row_->implied_criteria.begin(), row_->implied_criteria.end(), c) !=
                             row_->implied_criteria.end();
        const bool listed = r && r->criteria && contains_ci(*r->criteria, c);
        if (!implied && !listed) missing.push_back(c);
      }
      if (!missing.empty()) {
        std::string has = "security";
        if (r && r->criteria && !r->criteria->empty()) has = join(*r->criteria);
        reject(finding_code::criteria_missing,
               full ? cat({eid, " covers ", has, " only; ", join(missing),
                           missing.size() > 1 ? " are not in its scope." : " is not in its scope."})
                    : "");
        return false;
      }
    }
    // C17: minimum assurance.
    if (ctx_.opts.minimum_assurance && assurance_of(e_->type()) < *ctx_.opts.minimum_assurance) {
      reject(finding_code::assurance_insufficient,
             full ? cat({eid, " is ", to_string(e_->type()), " evidence (", to_string(assurance_of(e_->type())),
                         "), weaker than the required ", to_string(*ctx_.opts.minimum_assurance), "."})
                  : "");
      return false;
    }
    // C9: adverse and disclaimer opinions cover nothing.
    if (const auto* r = std::get_if<report>(&e_->details); r && r->auditor_opinion) {
      if (*r->auditor_opinion == opinion::adverse || *r->auditor_opinion == opinion::disclaimer) {
        const bool adverse = *r->auditor_opinion == opinion::adverse;
        reject(adverse ? finding_code::opinion_adverse : finding_code::opinion_disclaimer,
               full ? cat({eid, adverse ? " carries an adverse opinion" : " carries a disclaimer of opinion",
                           ": the auditor does not vouch for the controls."})
                    : "");
        return false;
      }
    }
    return in_scope(path);
  }

  // C15 (and C16's link restrictions on the services axis).
  struct axis {
    const char* name;
    const std::optional<std::string>& wanted;
    const std::vector<std::string>& allowed;
  };
  /// Calls `f` with each axis this evidence limits (through the path, C16) until `f` returns false.
  template <class F>
  bool each_axis(const via& path, F&& f) const {
    const auto limit = [](const std::optional<std::vector<std::string>>& v) { return v ? &*v : nullptr; };
    const std::vector<std::string>* services = e_->scope ? limit(e_->scope->services) : nullptr;
    std::vector<std::string> both; // the evidence's services that every link on the path allows
    if (path.services) {
      if (!services) services = &*path.services;
      else {
        for (const auto& s : *services)
          if (contains_ci(*path.services, s)) both.push_back(s);
        services = &both;
      }
    }
    if (services && !f(axis{"service", ctx_.opts.service, *services})) return false;
    if (!e_->scope) return true;
    if (e_->scope->regions && !f(axis{"region", ctx_.opts.region, *e_->scope->regions})) return false;
    return !e_->scope->plans || f(axis{"plan", ctx_.opts.plan, *e_->scope->plans});
  }

  bool in_scope(const via& path) {
    return each_axis(path, [&](const axis& ax) {
      if (!ax.wanted || contains_ci(ax.allowed, *ax.wanted)) return true;
      if (ctx_.level != detail_level::full) reject(finding_code::out_of_scope, "");
      else if (ax.allowed.empty()) // limited to none
        reject(finding_code::out_of_scope, cat({e_->id.str(), " covers no ", ax.name, "s, not ", *ax.wanted, "."}));
      else
        reject(finding_code::out_of_scope,
               cat({e_->id.str(), " covers only the ", ax.name, "s ", join(ax.allowed), ", not ", *ax.wanted, "."}));
      return false;
    });
  }

  /// C15: the axes the query does not name, which the evidence limits.
  void scoped(const via& path) {
    std::string limits;
    each_axis(path, [&](const axis& ax) {
      if (ax.wanted) return true;
      limits.append(limits.empty() ? "" : "; ");
      if (ax.allowed.empty()) limits.append("no ").append(ax.name).append("s"); // limited to none
      else limits.append(join(ax.allowed));
      return true;
    });
    if (!limits.empty())
      remark(finding_code::scoped, severity::warning, [&] {
        return cat({e_->id.str(), " covers only: ", limits,
                    ". Name the service, region or plan in the query to confirm yours is included."});
      });
  }

  std::vector<std::string> required_programs() const {
    std::vector<std::string> out = atom_.programs;
    for (const auto& p : atom_.programs)
      if (const auto* row = row_->find_program(p))
        for (const auto& n : row->needs)
          if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    return out;
  }

  template <class Message>
  void cut(interval_set days_, finding_code code, Message&& message) {
    add_segment(out_->cuts, std::move(days_), code, severity::blocking, message);
  }
  template <class Message>
  void note(interval_set days_, finding_code code, severity sev, Message&& message) {
    add_segment(out_->notes, std::move(days_), code, sev, message);
  }
  /// Adds to `to` (the cuts or the notes) the days of `days_` within the base, with what they
  /// carry. The message is only built when the query wants messages and its date is in them (a
  /// finding is only ever reported for the query date).
  template <class Message>
  void add_segment(std::vector<segment>& to, interval_set days_, finding_code code, severity sev, Message&& message) {
    days_ = days_ & out_->base;
    if (days_.empty()) return;
    if (to.empty()) to.reserve(4); // an evidence has few: one allocation, no regrowth
    auto& s = to.emplace_back(segment{std::move(days_), code, sev, {}});
    if (ctx_.level == detail_level::full && s.days.contains(ctx_.on)) s.message = message();
  }

  // --- C1–C6 ---
  void dates(const certificate& c) {
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
  void surveillance(const certificate& c) {
    if (!c.audits || ctx_.pol.surveillance == surveillance_policy::ignore) return;
    // The audits that count, by date: in place for the usual handful, so a query allocates nothing.
    constexpr std::size_t few = 8;
    const audit* in_place[few];
    std::vector<const audit*> many(c.audits->size() > few ? c.audits->size() : 0);
    const audit** const counted = many.empty() ? in_place : many.data();
    std::size_t count = 0;
    for (const auto& a : *c.audits)
      if ((a.kind == audit_kind::surveillance || a.kind == audit_kind::special) && a.outcome != audit_outcome::failed &&
          a.on > c.issued)
        counted[count++] = &a;
    std::sort(counted, counted + count, [](const audit* x, const audit* y) { return x->on < y->on; });
    const std::string& id = e_->id.str();
    for (std::size_t i = 0; i < count; ++i)
      if (counted[i]->outcome == audit_outcome::major_nonconformity) {
        // Until a later audit passes cleanly, the major nonconformity stands.
        date until = max_date();
        for (std::size_t j = i + 1; j < count; ++j)
          if (counted[j]->outcome == audit_outcome::passed) { until = counted[j]->on - days(1); break; }
        const date on = counted[i]->on;
        note(span(on, until), finding_code::major_nonconformity, severity::warning, [&, on] {
          return cat({"The surveillance audit of ", id, " on ", on, " found a major nonconformity."});
        });
      }
    for (long k = 1; k <= 2; ++k) {
      const date due = add_months(c.issued, 12 * k);
      if (!(due < c.expires)) break;
      const date limit = add_days(due, ctx_.pol.surveillance_grace_days);
      const auto needed = static_cast<std::size_t>(k);
      const auto by_limit = std::count_if(counted, counted + count, [limit](const audit* a) { return a->on <= limit; });
      if (static_cast<std::size_t>(by_limit) >= needed) continue;
      const std::optional<date> made_up = count >= needed ? std::optional<date>(counted[needed - 1]->on) : std::nullopt;
      const interval_set overdue = span(limit + days(1), made_up ? *made_up - days(1) : max_date());
      auto message = [&, due, limit, made_up] {
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
  void requires_(const edition* ed) {
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

  // --- C7–C9 ---
  void dates(const report& r) {
    const std::string& id = e_->id.str();
    const int grace = ctx_.pol.report_grace_months;
    if (r.kind == report_type::type2) {
      const date to = *r.period_to;
      out_->base = span(*r.period_from, to);
      if (grace > 0) {
        const date current = add_months(to, grace);
        out_->base.add({to + days(1), current});
        note(span(to + days(1), current), finding_code::report_grace, severity::info, [&, to, current] {
          return cat({"The report period of ", id, " ended on ", to, " (", days_between(to, ctx_.on), " days before ", ctx_.on,
                      "); it counts as current through ", current, "."});
        });
      }
      for (const auto& b : r.bridge_letters) {
        const date reach = std::min(b.through, add_months(to, ctx_.pol.bridge_max_months));
        if (reach <= to) continue;
        out_->base.add({to + days(1), reach});
        note(span(to + days(1), reach), finding_code::bridged, severity::info, [&, reach] {
          return cat({"A bridge letter extends ", id, " from ", to + days(1), " through ", reach,
                      ": a management assertion, with no auditor assurance."});
        });
      }
    } else {
      const date as_of = *r.as_of;
      const date current = add_months(as_of, grace);
      out_->base = span(as_of, current);
      note(span(as_of + days(1), current), finding_code::report_grace, severity::info, [&, as_of, current] {
        return cat({"The type 1 report ", id, " describes controls as of ", as_of, "; it counts as current through ", current, "."});
      });
    }
  }

  // --- C12 ---
  void dates(const self_assessment& s) {
    date last = max_date();
    if (s.valid_until) last = *s.valid_until;
    else if (row_->validity_months) last = add_months(s.completed, *row_->validity_months) - days(1);
    out_->base = span(s.completed, last);
  }

  // --- C13 ---
  void dates(const listing& l) {
    date start = l.listed;
    std::optional<date> program_start;
    if (!atom_.programs.empty()) {
      for (const auto& p : required_programs())
        if (const auto* row = row_->find_program(p); row && (!program_start || row->start > *program_start))
          program_start = row->start;
    } else {
      for (const auto& p : l.programs)
        if (const auto* row = row_->find_program(p); row && (!program_start || row->start < *program_start))
          program_start = row->start;
    }
    if (program_start && *program_start > start) start = *program_start;
    out_->base = span(start, l.next_due);
    if (l.status && *l.status != listing_status::active) {
      const date since = l.status_since ? *l.status_since : min_date();
      cut(from(since), finding_code::listing_inactive, [&] { return inactive_sentence(*e_, l); });
    }
    if (row_->last_day)
      cut(from(*row_->last_day + days(1)), finding_code::program_invalidated, [&] {
        return cat({e_->framework.str(), " was invalidated after ", *row_->last_day, "; no listing on it counts after that date."});
      });
  }

  // --- C14 ---
  void dates(const attestation& a) {
    out_->base = span(a.since, a.until ? *a.until : max_date());
    if (!ctx_.pol.require_agreements) return;
    const std::optional<agreement_kind> kind = a.requires_agreement ? a.requires_agreement : row_->requires_agreement;
    if (!kind) return;
    interval_set signed_;
    for (const auto& ag : ctx_.vendor(queried_).agreements) // C14: ours with the vendor queried
      if (ag.kind == *kind) signed_.add({ag.signed_on, ag.ends ? *ag.ends : max_date()});
    const std::string vendor = ctx_.vendor(queried_).id.str();
    cut(signed_.complement(), finding_code::agreement_missing, [&, kind, vendor] {
      return cat({e_->id.str(), " counts only while a ", agreement_name(*kind), " with ", vendor,
                  " is in force, and none is recorded for ", ctx_.on, "."});
    });
  }

public:
  /// Every evidence of `vendor` (unless `own` is false) and, when the context accepts inherited
  /// evidence, of the vendors it relies on, that speaks to `a`, evaluated against it.
  static std::vector<evidence_eval> evaluate_atom_evidence_at(const query_context& ctx, std::uint32_t vendor,
                                                              const atom& a, int depth, bool own = true);

private:
  const query_context& ctx_;
  std::uint32_t queried_;
  const atom& atom_;
  int depth_;
  const evidence* e_ = nullptr;
  evidence_eval* out_ = nullptr;
  const equivalence* equivalence_ = nullptr; ///< C11: the row by which e_ satisfies the atom, if not its own
  bool type_short_ = false; ///< C8/C11: equivalence_ needs a type 2 report and e_ is a type 1
  const framework_info* row_ = nullptr;
};

std::vector<evidence_eval> evidence_evaluator::evaluate_atom_evidence_at(const query_context& ctx, std::uint32_t vendor,
                                                                         const atom& a, int depth, bool own) {
  std::vector<evidence_eval> out;
  evidence_evaluator eval(ctx, vendor, a, depth);
  const via self{vendor, false, std::nullopt, {}};
  // Only the evidence that speaks to the atom (directly or by C11) is kept: the rest covers
  // nothing and explains nothing.
  const auto keep = [&out, &eval](const evidence& e, const via& path) {
    eval.run(e, path, out.emplace_back());
    if (!out.back().relevant) out.pop_back();
  };
  if (own) {
    const auto& v = ctx.vendor(vendor);
    // The vendors it relies on are read next when inheritance is accepted, or when the C16
    // hint (atom_result, at any level of detail but none) asks whether they would cover: their
    // lookups start loading now, and arrive while its own evidence is evaluated.
    if (ctx.pol.accept_inherited || ctx.level != detail_level::none)
      for (const auto& link : v.relies_on) ctx.vendors().expect(link.vendor.str());
    out.reserve(v.evidence.size());
    for (const auto& e : v.evidence) keep(e, self);
  }
  if (!ctx.pol.accept_inherited) return out;
  // C16: breadth-first over relies_on; every link on the path restricts the services.
  // The vendors reached, sorted: a query reaches few, and must not cost a pass over the registry.
  // Room for a few from the start: one allocation each, not one per vendor reached.
  std::vector<via> queue;
  std::vector<std::uint32_t> seen;
  queue.reserve(4);
  seen.reserve(8);
  seen.push_back(vendor);
  queue.push_back(self);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t from = queue[head].vendor;
    const auto& links = ctx.vendor(from).relies_on;
    for (std::size_t k = 0; k < links.size(); ++k) {
      // The vendor relied on (its lookup started above, for the queried vendor's links).
      const std::uint32_t to = ctx.vendors().relied_on(from, k, links[k].vendor.str());
      const auto at = std::lower_bound(seen.begin(), seen.end(), to);
      if (at != seen.end() && *at == to) continue;
      seen.insert(at, to);
      // queue[head], not a reference kept across push_back: the queue may move.
      via next{to, true, queue[head].services, queue[head].chain};
      next.chain.push_back(to);
      if (links[k].services) {
        if (!next.services) next.services = links[k].services;
        else {
          std::vector<std::string> both;
          for (const auto& s : *next.services)
            if (contains_ci(*links[k].services, s)) both.push_back(s);
          next.services = both;
        }
      }
      queue.push_back(std::move(next));
      for (const auto& e : ctx.vendor(to).evidence) keep(e, queue.back());
    }
  }
  return out;
}

// --- Findings at the query date (G4) ---

/// The finding segment `s` of evidence `e` carries on the query date (its message moved out of
/// `s`, which is not read again).
finding finding_of(segment& s, const evidence& e, bool decisive) {
  return finding{s.code, s.severity, e.id, std::move(s.message), decisive};
}

/// Why an evidence that speaks to the atom does not cover `on` (its finding's message moved
/// out of `ev`, which is not read again).
finding explain(const query_context& ctx, evidence_eval& ev) {
  if (ev.rejected) return std::move(*ev.rejected);
  const evidence& e = *ev.evidence;
  const date on = ctx.on;
  const std::string id = e.id.str();
  if (ev.base.empty() || on < ev.base.runs().front().first) {
    const date start = ev.base.empty() ? max_date() : ev.base.runs().front().first;
    return make_finding(ctx, finding_code::not_yet_valid, severity::blocking, &e, [&] {
      if (const auto* l = std::get_if<listing>(&e.details); l && start > l->listed)
        return cat({id, " was listed on ", l->listed, ", but the program it needs started only on ", start,
                    "; it covers nothing before that date."});
      return cat({id, " covers from ", start, ", after ", on, "."});
    });
  }
  for (auto& c : ev.cuts)
    if (c.days.contains(on)) return finding_of(c, e, false);
  const date end = ev.base.runs().back().last;
  // C13: a listing that stopped counting before it fell due is inactive after its due date too.
  if (const auto* l = std::get_if<listing>(&e.details); l && stopped_before_due(*l, end))
    return make_finding(ctx, finding_code::listing_inactive, severity::blocking, &e, [&] { return inactive_sentence(e, *l); });
  if (const auto* l = std::get_if<listing>(&e.details); l && (!l->status || *l->status == listing_status::active))
    return make_finding(ctx, finding_code::recertification_overdue, severity::blocking, &e, [&] {
      return cat({id, " was due for its annual re-certification on ", l->next_due,
                  " and no later re-certification is recorded."});
    });
  return make_finding(ctx, finding_code::expired, severity::blocking, &e, [&] {
    switch (e.type()) {
    case evidence_type::certificate: return cat({"The certificate ", id, " expired on ", end, "."});
    case evidence_type::report: return cat({"The report ", id, " is no longer current: it counted through ", end, "."});
    case evidence_type::self_assessment: return cat({"The self-assessment ", id, " was valid through ", end, "."});
    default: return cat({id, " ended on ", end, "."});
    }
  });
}

node_result atom_result(const query_context& ctx, std::uint32_t vendor, const atom& a) {
  node_result out;
  auto evals = evidence_evaluator::evaluate_atom_evidence_at(ctx, vendor, a, 0);
  for (const auto& ev : evals) out.covered = out.covered | ev.covered;
  if (ctx.level == detail_level::none) return out;
  const date on = ctx.on;
  // The findings' messages are moved out of `evals`, which is not read again.
  if (out.covered.contains(on)) {
    for (auto& ev : evals) {
      if (!ev.covered.contains(on)) continue;
      out.satisfied.push_back(ev.evidence->id);
      out.findings.reserve(out.findings.size() + ev.always.size() + ev.notes.size());
      for (auto& f : ev.always) {
        f.decisive = true;
        out.findings.push_back(std::move(f));
      }
      for (auto& n : ev.notes)
        if (n.days.contains(on)) out.findings.push_back(finding_of(n, *ev.evidence, true));
    }
    return out;
  }
  out.findings.reserve(evals.size() + 2);
  bool any = false;
  for (auto& ev : evals) {
    if (!ev.relevant) continue;
    any = true;
    auto f = explain(ctx, ev);
    f.decisive = true;
    out.findings.push_back(std::move(f));
    // C1: an earlier cycle the registry does not hold.
    if (const auto* c = std::get_if<certificate>(&ev.evidence->details);
        c && c->first_certified && *c->first_certified <= on && on < c->issued)
      out.findings.push_back(make_finding(ctx, finding_code::earlier_cycle_unrecorded, severity::info, ev.evidence, [&] {
        return cat({"Originally certified ", *c->first_certified, "; add the certificate of the earlier cycle to cover ", on, "."});
      }));
  }
  const auto& v = ctx.vendor(vendor);
  if (!any)
    out.findings.push_back(make_finding(ctx, finding_code::no_evidence, severity::blocking, nullptr, [&] {
      return cat({v.id.str(), " has no evidence on record for ", to_string(a), "."});
    }));
  // C16: say when inherited evidence would answer, so the reader knows what accepting it means.
  // The vendor's own evidence does not cover the date (above): only the inherited is evaluated.
  if (!ctx.pol.accept_inherited && !v.relies_on.empty()) {
    query_context inherit(ctx, detail_level::none);
    inherit.pol.accept_inherited = true;
    const auto inherited = evidence_evaluator::evaluate_atom_evidence_at(inherit, vendor, a, 0, false);
    if (std::any_of(inherited.begin(), inherited.end(), [on](const evidence_eval& ev) { return ev.covered.contains(on); }))
      out.findings.push_back(make_finding(ctx, finding_code::inherited, severity::info, nullptr, [&] {
        return cat({"A subservice organisation ", v.id.str(), " relies on holds evidence covering ", on,
                    "; it counts only when inherited evidence is accepted."});
      }));
  }
  return out;
}

} // namespace

std::vector<evidence_eval> evaluate_atom_evidence(const query_context& ctx, std::uint32_t vendor_index, const atom& a) {
  return evidence_evaluator::evaluate_atom_evidence_at(ctx, vendor_index, a, 0);
}

evidence_eval evaluate_evidence(const query_context& ctx, std::uint32_t vendor_index, const evidence& e, const atom& a) {
  evidence_evaluator eval(ctx, vendor_index, a, 0);
  return eval.run(e, via{vendor_index, false, std::nullopt, {}});
}

atom own_atom(const evidence& e, const catalog& frameworks) {
  atom a;
  a.framework = e.framework;
  // C12: a merchant-only SAQ answers only its explicit variant.
  if (const auto* s = std::get_if<self_assessment>(&e.details); s && s->variant)
    if (const auto* row = frameworks.find(e.framework.str()); row && row->is_merchant_only(*s->variant)) a.variant = s->variant;
  return a;
}

node_result evaluate(const query_context& ctx, std::uint32_t vendor, const requirement& req) {
  if (req.empty()) return {};
  if (req.nodes().size() == 1) return atom_result(ctx, vendor, req.atoms()[0]); // one atom: no tree to combine
  // Children precede parents: one forward pass, no recursion (Q2).
  std::vector<node_result> results(req.nodes().size());
  const date on = ctx.on;
  for (std::size_t n = 0; n < req.nodes().size(); ++n) {
    const auto& node = req.nodes()[n];
    auto& out = results[n];
    if (node.kind == requirement::op::atom) {
      out = atom_result(ctx, vendor, req.atoms()[node.atom_index]);
      continue;
    }
    const bool all = node.kind == requirement::op::all_of;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const auto& child = results[node.children[i]];
      out.covered = i == 0 ? child.covered : (all ? out.covered & child.covered : out.covered | child.covered);
    }
    if (ctx.level == detail_level::none) continue;
    const bool covered = out.covered.contains(on);
    for (const auto c : node.children) {
      auto& child = results[c];
      // The branches that decided: covering ones of a covered `|`, failing ones of a failed `&`, else all.
      const bool decided = all ? (covered || !child.covered.contains(on)) : (!covered || child.covered.contains(on));
      for (auto& f : child.findings) {
        if (!decided) f.decisive = false;
        out.findings.push_back(std::move(f));
      }
      if (covered && decided)
        for (auto& id : child.satisfied)
          if (std::find(out.satisfied.begin(), out.satisfied.end(), id) == out.satisfied.end()) out.satisfied.push_back(id);
    }
  }
  return std::move(results.back());
}

} // namespace compliance::detail
