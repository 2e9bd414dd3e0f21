// Loading compliance-registry/1 documents: stage 1 (parse_text: the text laid out as a tape),
// reading files, and the public entry points (load, load_file, load_data, data_from_value),
// which build the registry as the vendors are read and position every problem found.
#include "compliance/json.hpp"

#include "io/json_internal.hpp"
#include "io/tape_handler.hpp"
#include "registry/registry_impl.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cerrno>
#include <cstdio>
#include <istream>
#include <iterator>
#include <optional>
#include <utility>

namespace compliance {

namespace json = boost::json;
using boost::system::error_code;

namespace detail {

// ---------------------------------------------------------------------------------------------
// Stage 1: the fast parse.

namespace {

bool blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

diagnostic syntax_failure(const error_code& ec, std::string_view text) {
  if (ec == json::error::too_deep)
    return make_error(errc::too_deep, "",
                      "Arrays and objects are nested more than " + std::to_string(max_json_depth) +
                          " levels deep here; the loader accepts at most " + std::to_string(max_json_depth) +
                          " (a registry needs about six).");
  if (ec == json::error::string_too_large || ec == json::error::key_too_large)
    return make_error(errc::bad_value, "",
                      "A string here is longer than " + std::to_string(max_json_string_bytes) +
                          " bytes, the longest the loader accepts.");
  if (ec == json::error::object_too_large || ec == json::error::array_too_large)
    return make_error(errc::bad_value, "", "An object or array here has more elements than the loader can hold.");
  if (ec == json::error::extra_data)
    return make_error(errc::syntax, "", "There is more text after the end of the JSON document.");
  if (ec == json::error::incomplete)
    return make_error(errc::syntax, "",
                      blank(text) ? std::string("The document is empty; a registry is a JSON object.")
                                  : std::string("The document ends before its JSON value is complete."));
  if (ec == json::error::exponent_overflow)
    return make_error(errc::bad_value, "", "A number here has an exponent too large to represent.");
  // Left for locate() to explain from the text, which it can see.
  return make_error(errc::syntax, "", "");
}

} // namespace

parsed_text parse_text(std::string_view text) {
  parsed_text out;
  out.tape.nodes.reserve(text.size() / 12 + 16); // about one node per 12 bytes of a registry
  json::basic_parser<tape_handler> parser(parse_limits(), out.tape, text);
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = json::error::extra_data;
  if (ec) {
    out.tape = tape{};
    out.failure = syntax_failure(ec, text);
    return out;
  }
  out.duplicate_keys = parser.handler().duplicate_keys;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Files.

bool read_file(const std::string& path, std::string& out, diagnostic& failure) {
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    failure = make_error(errc::io_error, "",
                         "Cannot open the file for reading: " + boost::system::generic_category().message(err) + ".");
    return false;
  }
  out.clear();
  char buffer[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
    out.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  const int err = errno;
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) {
    failure = make_error(errc::io_error, "",
                         "Cannot read the file: " + boost::system::generic_category().message(err != 0 ? err : EIO) + ".");
    return false;
  }
  return true;
}

void prefix_messages(std::vector<diagnostic>& diags, const std::string& path) {
  for (auto& d : diags) d.message = path + ": " + d.message;
}

} // namespace detail

// -----------------------------------------------------------------------------------------------
// Loading

namespace {

/// Stages 1 and 2. On failure `diags` holds every error, positioned and in document order.
bool read_text(std::string_view text, registry_data& data, std::vector<diagnostic>& diags,
               detail::vendor_listener* listener = nullptr) {
  auto parsed = detail::parse_text(text);
  if (parsed.failure) {
    detail::locate(text, diags, false, std::move(parsed.failure));
    return false;
  }
  // A document with a repeated key is refused whatever it holds: nothing to build as it reads.
  const auto report =
      detail::read_document(parsed.tape.root(), data, diags, false, parsed.duplicate_keys ? nullptr : listener);
  if (report.errors == 0 && !parsed.duplicate_keys) return true;
  detail::locate(text, diags, parsed.duplicate_keys, std::nullopt);
  detail::sort_by_position(diags);
  return false;
}

/// Builds the registry as the vendors are read: each is checked, indexed and stored while its
/// data is still in the CPU caches (registry::assembler). Only the last few vendors
/// read are kept as objects.
class assembling final : public detail::vendor_listener {
public:
  void start(const registry_data& header, std::size_t count) override {
    assembler_.emplace(header, count); // header.vendors is empty: they come one by one
  }
  vendor& next(std::size_t index) override {
    // Empty, but keeping its evidence array: a vendor's one allocation of over a kilobyte, which
    // would otherwise have malloc sweep up every small block the vendor before it freed.
    vendor& v = recent_[index % recent_.size()];
    auto evidence = std::move(v.evidence);
    evidence.clear();
    v = vendor{};
    v.evidence = std::move(evidence);
    return v;
  }
  void read(std::size_t index, bool clean) override {
    read_ = index + 1;
    if (!clean) return; // after an error the document is refused anyway
    // A vendor's table slots are far apart in memory: ask for them now, use them a few vendors
    // later (its data is still in the caches then).
    assembler_->prefetch(recent_[index % recent_.size()]);
    if (index >= lag) assembler_->add(recent_[(index - lag) % recent_.size()]);
  }
  /// The registry, from the header alone when the document had no vendors array.
  boost::system::result<registry, diagnostics> finish(const registry_data& header) {
    if (!assembler_) assembler_.emplace(header);
    for (std::size_t i = read_ > lag ? read_ - lag : 0; i < read_; ++i) assembler_->add(recent_[i % recent_.size()]);
    return assembler_->finish();
  }

private:
  static constexpr std::size_t lag = 4;
  std::array<vendor, lag + 1> recent_; ///< vendor i in recent_[i % (lag + 1)], until it is added
  std::size_t read_ = 0;               ///< vendors read
  std::optional<registry::assembler> assembler_;
};

/// `built`, or its problems positioned in `text` and in document order.
boost::system::result<registry, diagnostics> located(std::string_view text, boost::system::result<registry, diagnostics> built) {
  if (built) return std::move(*built);
  std::vector<diagnostic> diags = std::move(built.error().items);
  detail::locate(text, diags, false, std::nullopt);
  detail::sort_by_position(diags);
  return diagnostics{std::move(diags)};
}

} // namespace

boost::system::result<registry_data, diagnostics> load_data(std::string_view json_text) {
  registry_data data;
  std::vector<diagnostic> diags;
  if (!read_text(json_text, data, diags)) return diagnostics{std::move(diags)};
  return data;
}

boost::system::result<registry_data, diagnostics> load_data_file(const std::string& path) {
  std::string text;
  diagnostic failure;
  if (!detail::read_file(path, text, failure)) {
    failure.message = path + ": " + failure.message;
    return detail::one(std::move(failure));
  }
  auto r = load_data(text);
  if (r) return r;
  diagnostics d = r.error();
  detail::prefix_messages(d.items, path);
  return d;
}

boost::system::result<registry_data, diagnostics> data_from_value(const boost::json::value& document) {
  // The reader walks a tape; Boost's serializer is iterative, so any value converts safely.
  const std::string text = json::serialize(document);
  auto parsed = detail::parse_text(text);
  if (parsed.failure) return detail::one(std::move(*parsed.failure));
  registry_data data;
  std::vector<diagnostic> diags;
  const auto report = detail::read_document(parsed.tape.root(), data, diags, false);
  if (report.errors != 0) return diagnostics{std::move(diags)};
  return data;
}

boost::system::result<registry, diagnostics> load(std::string_view json_text) {
  {
    assembling builder;
    registry_data header;
    if (detail::read_streaming(json_text, header, builder)) return located(json_text, builder.finish(header));
  }
  // A problem, or an unusual order of members: the stages one after the other, which report
  // every problem with its position.
  registry_data data;
  std::vector<diagnostic> diags;
  assembling builder;
  if (!read_text(json_text, data, diags, &builder)) return diagnostics{std::move(diags)};
  return located(json_text, builder.finish(data));
}

boost::system::result<registry, diagnostics> load(std::istream& in) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad())
    return detail::one(detail::make_error(errc::io_error, "", "The stream could not be read to its end."));
  return load(std::string_view(text));
}

boost::system::result<registry, diagnostics> load_file(const std::string& path) {
  std::string text;
  diagnostic failure;
  if (!detail::read_file(path, text, failure)) {
    failure.message = path + ": " + failure.message;
    return detail::one(std::move(failure));
  }
  auto r = load(std::string_view(text));
  if (r) return r;
  diagnostics d = r.error();
  detail::prefix_messages(d.items, path);
  return d;
}

registry load_or_throw(std::string_view json_text) { return load(json_text).value(); }

registry load_file_or_throw(const std::string& path) { return load_file(path).value(); }

} // namespace compliance
