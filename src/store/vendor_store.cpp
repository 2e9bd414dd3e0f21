#include "store/vendor_store.hpp"

#include "rules/reads.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <utility>

namespace compliance::detail {

namespace {

/// Dates are stored as their day number counted from this one, in uint32 wrap-around arithmetic: every
/// date of this millennium takes three bytes, Boost's special values (raw numbers near 0 and 2^32) five.
const std::uint32_t base_day = static_cast<std::uint32_t>(date(1400, 1, 1).day_number());

using word_table = std::unordered_map<std::string_view, std::uint32_t>;
using word_store = std::vector<std::unique_ptr<const std::string>>;

/// Appends the encoding of one vendor to `out`, interning words into `words` (looked up in `numbers`). Bytes
/// gather in a small buffer first (plain stores, no vector bookkeeping per byte); flush() moves them to `out`.
struct writer {
  byte_buffer& out;
  word_store& words;
  word_table& numbers;
  byte_buffer& scratch; ///< an evidence's encoding, written before its length
  unsigned char buf[512]; // left uninitialised: only buf[0, used) is read
  std::size_t used = 0;

  writer(byte_buffer& o, word_store& w, word_table& t, byte_buffer& s) : out(o), words(w), numbers(t), scratch(s) {}
  void flush() {
    out.insert(out.end(), buf, buf + used);
    used = 0;
  }
  void byte(unsigned b) {
    if (used == sizeof buf) flush();
    buf[used++] = static_cast<unsigned char>(b);
  }
  void u(std::uint64_t v) {
    if (used + 10 > sizeof buf) flush();
    for (; v >= 0x80; v >>= 7) buf[used++] = static_cast<unsigned char>(v | 0x80);
    buf[used++] = static_cast<unsigned char>(v);
  }
  void str(std::string_view s) {
    u(s.size());
    raw(s);
  }
  void raw(std::string_view s) {
    if (s.size() <= sizeof buf - used) {
      std::memcpy(buf + used, s.data(), s.size());
      used += s.size();
    } else {
      flush();
      out.insert(out.end(), s.begin(), s.end());
    }
  }
  void word(std::string_view s) {
    const auto found = numbers.find(s);
    if (found != numbers.end()) return u(found->second);
    const auto n = static_cast<std::uint32_t>(words.size());
    words.push_back(std::make_unique<const std::string>(s));
    numbers.emplace(*words.back(), n); // a view of the word's own allocation, which never moves
    u(n);
  }
  void day(date d) { u(static_cast<std::uint32_t>(d.day_number() - base_day)); }
  template <class E>
  void en(E e) { byte(static_cast<unsigned>(e)); }
  void strings(const std::vector<std::string>& v) {
    u(v.size());
    for (const auto& s : v) str(s);
  }
  void word_list(const std::vector<std::string>& v) {
    u(v.size());
    for (const auto& s : v) word(s);
  }
};

/// Reads back what writer wrote, from `p` on.
struct reader {
  const unsigned char* p;
  const std::unique_ptr<const std::string>* words; ///< the store's words, by number
  bool skip_text = false; ///< leave out the free text no rule reads (decode_for_query, rules/reads.hpp)
  const framework_filter* only = nullptr; ///< leave out the evidence of other frameworks (decode_for_query)
  std::vector<bool>* frameworks_seen = nullptr; ///< marks the word number of each evidence's framework

  unsigned byte() noexcept { return *p++; }
  template <class E>
  E en() noexcept { return static_cast<E>(*p++); }
  std::uint64_t u() noexcept {
    std::uint64_t b = *p++;
    if (b < 0x80) return b;
    std::uint64_t v = b & 0x7F;
    for (unsigned shift = 7;; shift += 7) {
      b = *p++;
      v |= (b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
  }
  std::size_t count() noexcept { return static_cast<std::size_t>(u()); }
  std::string_view str() noexcept {
    const std::size_t n = count();
    const char* s = reinterpret_cast<const char*>(p);
    p += n;
    return {s, n};
  }
  const std::string& word() noexcept { return *words[count()]; }
  date day() noexcept {
    return date(boost::gregorian::date::date_int_type(static_cast<std::uint32_t>(u()) + base_day));
  }
};

/// The presence bits of `fields` (optionals or bools), the first in bit 0.
template <class... T>
unsigned bits(const T&... fields) {
  unsigned f = 0, bit = 1;
  ((f |= fields ? bit : 0u, bit <<= 1), ...);
  return f;
}

// Decoding helpers: each assigns in place, so the target's buffers are reused. The optional fields are read
// when their presence bit is set, and reset otherwise.

void set(std::optional<std::string>& o, std::string_view s) {
  if (o) o->assign(s.data(), s.size());
  else o.emplace(s.data(), s.size());
}

template <class Tag>
void set(basic_id<Tag>& id, std::string_view s) {
  id.assign(s);
}

template <class T>
T& engage(std::optional<T>& o) {
  if (!o) o.emplace();
  return *o;
}

template <class T, class V>
T& alternative(V& v) {
  if (auto* x = std::get_if<T>(&v)) return *x;
  return v.template emplace<T>();
}

void read_strings(reader& r, std::vector<std::string>& v) {
  v.resize(r.count());
  for (auto& s : v) {
    const auto t = r.str();
    s.assign(t.data(), t.size());
  }
}

void skip_strings(reader& r) {
  for (auto n = r.count(); n > 0; --n) r.str();
}
void read_words(reader& r, std::vector<std::string>& v) {
  v.resize(r.count());
  for (auto& s : v) s = r.word();
}

void read_words(reader& r, bool present, std::optional<std::vector<std::string>>& o) {
  if (present) read_words(r, engage(o));
  else o.reset();
}

void read_word(reader& r, bool present, std::optional<std::string>& o) {
  if (present) set(o, r.word());
  else o.reset();
}

/// Whether the reader leaves out free-text field `f`: when decoding for a query, unless a rule
/// reads it (rules/reads.hpp).
bool skips(const reader& r, text_field f) noexcept { return r.skip_text && !rules_read(f); }

/// Free text (names, notes, sources, numbers, issuers, auditors, assessors): left out, absent,
/// when the reader skips it.
void read_text(reader& r, text_field f, bool present, std::optional<std::string>& o) {
  if (!present) return o.reset();
  const auto s = r.str();
  if (skips(r, f)) o.reset();
  else set(o, s);
}
void read_text_word(reader& r, text_field f, bool present, std::optional<std::string>& o) {
  if (!present) return o.reset();
  const auto& s = r.word();
  if (skips(r, f)) o.reset();
  else set(o, s);
}
void read_day(reader& r, bool present, std::optional<date>& o) {
  if (present) o = r.day();
  else o.reset();
}

template <class E>
void read_enum(reader& r, bool present, std::optional<E>& o) {
  if (present) o = r.en<E>();
  else o.reset();
}

// The evidence types. Each has a byte of presence bits for its optional fields (and for its lists that may
// be left out when empty).

void write(writer& w, const certificate& c) {
  w.byte(bits(c.number, c.issuer, c.accreditation, c.first_certified, c.audits, !c.status.empty()));
  if (c.number) w.str(*c.number);
  if (c.issuer) w.word(*c.issuer);
  if (c.accreditation) w.word(*c.accreditation);
  if (c.first_certified) w.day(*c.first_certified);
  w.day(c.issued);
  w.day(c.expires);
  if (c.audits) {
    w.u(c.audits->size());
    for (const auto& a : *c.audits) {
      w.en(a.kind);
      w.en(a.outcome);
      w.day(a.on);
    }
  }
  if (c.status.empty()) return;
  w.u(c.status.size());
  for (const auto& s : c.status) {
    w.en(s.state);
    w.byte(bits(s.to));
    w.day(s.from);
    if (s.to) w.day(*s.to);
  }
}

void read(reader& r, certificate& c) {
  const unsigned f = r.byte();
  read_text(r, text_field::certificate_number, f & 1, c.number);
  read_text_word(r, text_field::certificate_issuer, f & 2, c.issuer);
  read_text_word(r, text_field::certificate_accreditation, f & 4, c.accreditation);
  read_day(r, f & 8, c.first_certified);
  c.issued = r.day();
  c.expires = r.day();
  if (f & 16) {
    auto& audits = engage(c.audits);
    audits.resize(r.count());
    for (auto& a : audits) {
      a.kind = r.en<audit_kind>();
      a.outcome = r.en<audit_outcome>();
      a.on = r.day();
    }
  } else {
    c.audits.reset();
  }
  c.status.resize(f & 32 ? r.count() : 0);
  for (auto& s : c.status) {
    s.state = r.en<status_state>();
    const unsigned sf = r.byte();
    s.from = r.day();
    read_day(r, sf & 1, s.to);
  }
}

void write(writer& w, const report& x) {
  const bool lists = !x.bridge_letters.empty() || !x.subservices.empty();
  w.en(x.kind);
  w.byte(bits(x.as_of, x.period_from, x.period_to, x.criteria, x.auditor, x.auditor_opinion, x.issued, lists));
  if (x.as_of) w.day(*x.as_of);
  if (x.period_from) w.day(*x.period_from);
  if (x.period_to) w.day(*x.period_to);
  if (x.criteria) w.word_list(*x.criteria);
  if (x.auditor) w.word(*x.auditor);
  if (x.auditor_opinion) w.en(*x.auditor_opinion);
  if (x.issued) w.day(*x.issued);
  if (!lists) return;
  w.u(x.bridge_letters.size());
  for (const auto& b : x.bridge_letters) {
    w.byte(bits(b.issued));
    if (b.issued) w.day(*b.issued);
    w.day(b.through);
  }
  w.u(x.subservices.size());
  for (const auto& s : x.subservices) {
    w.str(s.vendor.str());
    w.byte(bits(s.method));
    if (s.method) w.en(*s.method);
  }
}

void read(reader& r, report& x) {
  x.kind = r.en<report_type>();
  const unsigned f = r.byte();
  read_day(r, f & 1, x.as_of);
  read_day(r, f & 2, x.period_from);
  read_day(r, f & 4, x.period_to);
  read_words(r, f & 8, x.criteria);
  read_text_word(r, text_field::report_auditor, f & 16, x.auditor);
  read_enum(r, f & 32, x.auditor_opinion);
  read_day(r, f & 64, x.issued);
  x.bridge_letters.resize(f & 128 ? r.count() : 0);
  for (auto& b : x.bridge_letters) {
    read_day(r, r.byte() & 1, b.issued);
    b.through = r.day();
  }
  x.subservices.resize(f & 128 ? r.count() : 0);
  for (auto& s : x.subservices) {
    set(s.vendor, r.str());
    read_enum(r, r.byte() & 1, s.method);
  }
}

void write(writer& w, const self_assessment& s) {
  w.byte(bits(s.variant, s.valid_until, s.assessor));
  if (s.variant) w.word(*s.variant);
  w.day(s.completed);
  if (s.valid_until) w.day(*s.valid_until);
  if (s.assessor) w.word(*s.assessor);
}

void read(reader& r, self_assessment& s) {
  const unsigned f = r.byte();
  read_word(r, f & 1, s.variant);
  s.completed = r.day();
  read_day(r, f & 2, s.valid_until);
  read_text_word(r, text_field::self_assessment_assessor, f & 4, s.assessor);
}

void write(writer& w, const listing& l) {
  w.byte(bits(l.status, l.status_since));
  w.word_list(l.programs);
  w.day(l.listed);
  w.day(l.next_due);
  if (l.status) w.en(*l.status);
  if (l.status_since) w.day(*l.status_since);
}

void read(reader& r, listing& l) {
  const unsigned f = r.byte();
  read_words(r, l.programs);
  l.listed = r.day();
  l.next_due = r.day();
  read_enum(r, f & 1, l.status);
  read_day(r, f & 2, l.status_since);
}

void write(writer& w, const attestation& a) {
  w.byte(bits(a.until, a.requires_agreement));
  w.day(a.since);
  if (a.until) w.day(*a.until);
  if (a.requires_agreement) w.en(*a.requires_agreement);
}

void read(reader& r, attestation& a) {
  const unsigned f = r.byte();
  a.since = r.day();
  read_day(r, f & 1, a.until);
  read_enum(r, f & 2, a.requires_agreement);
}

/// All of an evidence but its framework.
void write_rest(writer& w, const evidence& e) {
  w.str(e.id.str());
  w.byte(bits(e.edition, e.scope, e.source, e.notes));
  if (e.edition) w.word(*e.edition);
  if (e.scope) {
    const auto& s = *e.scope;
    w.byte(bits(s.services, s.regions, s.plans));
    if (s.services) w.word_list(*s.services);
    if (s.regions) w.word_list(*s.regions);
    if (s.plans) w.word_list(*s.plans);
  }
  if (e.source) w.str(*e.source);
  if (e.notes) w.str(*e.notes);
  w.byte(static_cast<unsigned>(e.details.index()));
  std::visit([&w](const auto& d) { write(w, d); }, e.details);
}

// An evidence: its framework, then the length of the rest, so that a query can skip the evidence
// of frameworks it does not ask about without reading them.
void write(writer& w, const evidence& e) {
  w.word(e.framework.str());
  w.scratch.clear();
  byte_buffer none;
  writer rest(w.scratch, w.words, w.numbers, none); // an evidence holds no evidence: `none` stays unused
  write_rest(rest, e);
  rest.flush();
  w.u(w.scratch.size());
  w.raw({reinterpret_cast<const char*>(w.scratch.data()), w.scratch.size()});
}

/// The rest of an evidence whose framework is already read.
void read_rest(reader& r, evidence& e) {
  set(e.id, r.str());
  const unsigned f = r.byte();
  read_word(r, f & 1, e.edition);
  if (f & 2) {
    auto& s = engage(e.scope);
    const unsigned sf = r.byte();
    read_words(r, sf & 1, s.services);
    read_words(r, sf & 2, s.regions);
    read_words(r, sf & 4, s.plans);
  } else {
    e.scope.reset();
  }
  read_text(r, text_field::evidence_source, f & 4, e.source);
  read_text(r, text_field::evidence_notes, f & 8, e.notes);
  switch (r.byte()) { // the variant's index: the alternative already held is reused when it matches
  case 0: return read(r, alternative<certificate>(e.details));
  case 1: return read(r, alternative<report>(e.details));
  case 2: return read(r, alternative<self_assessment>(e.details));
  case 3: return read(r, alternative<listing>(e.details));
  default: return read(r, alternative<attestation>(e.details));
  }
}

// A vendor: its id first (id() reads only that), then a byte of presence bits for its optional fields and
// non-empty lists. Its aliases come early, after two strings that are skipped without reading them.

void write(writer& w, const vendor& v) {
  w.str(v.id.str());
  w.byte(bits(v.name, v.notes, !v.aliases.empty(), !v.relies_on.empty(), !v.agreements.empty(),
              !v.evidence.empty()));
  if (v.name) w.str(*v.name);
  if (v.notes) w.str(*v.notes);
  if (!v.aliases.empty()) w.strings(v.aliases);
  if (!v.relies_on.empty()) {
    w.u(v.relies_on.size());
    for (const auto& x : v.relies_on) {
      w.str(x.vendor.str());
      w.byte(bits(x.method, x.services));
      if (x.method) w.en(*x.method);
      if (x.services) w.word_list(*x.services);
    }
  }
  if (!v.agreements.empty()) {
    w.u(v.agreements.size());
    for (const auto& a : v.agreements) {
      w.en(a.kind);
      w.byte(bits(a.ends));
      w.day(a.signed_on);
      if (a.ends) w.day(*a.ends);
    }
  }
  if (v.evidence.empty()) return;
  w.u(v.evidence.size());
  for (const auto& e : v.evidence) write(w, e);
}

void read(reader& r, vendor& v) {
  set(v.id, r.str());
  const unsigned f = r.byte();
  read_text(r, text_field::vendor_name, f & 1, v.name);
  read_text(r, text_field::vendor_notes, f & 2, v.notes);
  if (f & 4 && !skips(r, text_field::vendor_aliases)) read_strings(r, v.aliases);
  else if (f & 4) skip_strings(r), v.aliases.clear();
  else v.aliases.clear();
  v.relies_on.resize(f & 8 ? r.count() : 0);
  for (auto& x : v.relies_on) {
    set(x.vendor, r.str());
    const unsigned xf = r.byte();
    read_enum(r, xf & 1, x.method);
    read_words(r, xf & 2, x.services);
  }
  v.agreements.resize(f & 16 ? r.count() : 0);
  for (auto& a : v.agreements) {
    a.kind = r.en<agreement_kind>();
    const unsigned af = r.byte();
    a.signed_on = r.day();
    read_day(r, af & 1, a.ends);
  }
  const std::size_t count = f & 32 ? r.count() : 0;
  std::size_t kept = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t word = r.count();
    const std::string& framework = *r.words[word];
    if (r.frameworks_seen) (*r.frameworks_seen)[word] = true;
    const std::size_t length = r.count();
    if (r.only && std::find(r.only->begin(), r.only->end(), framework) == r.only->end()) {
      r.p += length;
      continue;
    }
    if (kept == v.evidence.size()) v.evidence.emplace_back(); // else reuse the one held there
    auto& e = v.evidence[kept++];
    set(e.framework, framework);
    read_rest(r, e);
  }
  v.evidence.resize(kept);
}

} // namespace

vendor_store::vendor_store() = default;
vendor_store::~vendor_store() = default;
vendor_store::vendor_store(vendor_store&&) noexcept = default;
vendor_store& vendor_store::operator=(vendor_store&&) noexcept = default;

void vendor_store::reserve(std::size_t vendors, std::size_t bytes) {
  offsets_.reserve(vendors);
  bytes_.reserve(bytes);
}

std::uint32_t vendor_store::append(const vendor& v) {
  if (offsets_.size() >= std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("vendor_store: too many vendors");
  if (!word_numbers_) { // the first append, or one after seal(): (re)build the lookup table
    word_numbers_ = std::make_unique<word_table>();
    for (std::size_t n = 0; n < words_.size(); ++n) word_numbers_->emplace(*words_[n], static_cast<std::uint32_t>(n));
  }
  const std::size_t start = bytes_.size();
  try {
    writer w(bytes_, words_, *word_numbers_, scratch_);
    write(w, v);
    w.flush();
    offsets_.push_back(start);
  } catch (...) {
    bytes_.resize(start); // words interned on the way stay: harmless
    throw;
  }
  return static_cast<std::uint32_t>(offsets_.size() - 1);
}

void vendor_store::seal() noexcept { word_numbers_.reset(); }

std::string_view vendor_store::id(std::size_t i) const noexcept {
  reader r{bytes_.data() + offsets_[i], words_.data()};
  return r.str();
}

void vendor_store::aliases(std::size_t i, std::vector<std::string>& out) const {
  reader r{bytes_.data() + offsets_[i], words_.data()};
  r.str(); // the id
  const unsigned f = r.byte();
  if (f & 1) r.str(); // the name
  if (f & 2) r.str(); // the notes
  if (f & 4) read_strings(r, out);
  else out.clear();
}

void vendor_store::decode(std::size_t i, vendor& out) const {
  reader r{bytes_.data() + offsets_[i], words_.data()};
  read(r, out);
}

void vendor_store::decode_for_query(std::size_t i, vendor& out, const framework_filter* only, std::uint64_t offset) const {
  reader r{bytes_.data() + (offset == unknown ? offsets_[i] : offset), words_.data(), true, only};
  read(r, out);
}

std::vector<std::string_view> vendor_store::frameworks_held() const {
  std::vector<bool> seen(words_.size(), false);
  const framework_filter none; // every evidence is skipped once its framework is noted
  vendor scratch;
  for (std::size_t i = 0; i < offsets_.size(); ++i) {
    reader r{bytes_.data() + offsets_[i], words_.data(), true, &none, &seen};
    read(r, scratch);
  }
  std::vector<std::string_view> out;
  for (std::size_t n = 0; n < seen.size(); ++n)
    if (seen[n]) out.emplace_back(*words_[n]);
  return out;
}

/// Approximate: the capacities of the byte, offset and word vectors, and each word's string object and characters
/// (not the lookup table append keeps until seal()).
std::size_t vendor_store::bytes() const noexcept {
  std::size_t n = bytes_.capacity() + offsets_.capacity() * sizeof(std::uint64_t);
  n += words_.capacity() * sizeof(words_[0]);
  for (const auto& w : words_) n += sizeof(std::string) + w->size();
  return n;
}

} // namespace compliance::detail
