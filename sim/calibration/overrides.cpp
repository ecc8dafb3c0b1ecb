#include "sim/calibration/overrides.hpp"

#include <fmt/format.h>

#include <map>

#include "sim/common/error.hpp"

namespace ws::calibration {

std::vector<std::string> split_key_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const auto dot = path.find('.', from);
    out.push_back(path.substr(from, dot == std::string::npos ? std::string::npos : dot - from));
    if (out.back().empty()) throw InputError("key path '" + path + "': expected segments separated by '.'");
    if (dot == std::string::npos) break;
    from = dot + 1;
  }
  if (out.size() < 2) throw InputError("key path '" + path + "': expected a section and a key, e.g. a.b");
  return out;
}

std::string toml_key(const std::string& segment) {
  bool bare = !segment.empty();
  for (char ch : segment) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '_' || ch == '-';
    bare = bare && ok;
  }
  if (bare) return segment;
  std::string quoted = "\"";
  for (char ch : segment) {
    if (ch == '"' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + "\"";
}

std::string toml_number(double value) {
  std::string text = fmt::format("{:.6g}", value);
  // TOML needs a digit before an exponent's mantissa dot and no bare "1e-05"-style ambiguity: both are valid,
  // but an integer-looking "2" must stay a float for keys that are floats.
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

std::string override_text(const CalibrationConfig& cfg, const OverrideRequest& request) {
  const auto base = std::filesystem::relative(std::filesystem::absolute(cfg.scenario),
                                              std::filesystem::absolute(request.written_to).parent_path());
  std::string out = request.header;
  if (!request.fragment) {
    out += fmt::format("extend = \"{}\"\n\n[scenario]\nname = \"{}\"\n", base.generic_string(), cfg.name);
    if (!cfg.description.empty()) out += fmt::format("description = \"{}\"\n", cfg.description);
    if (request.fitting && cfg.end) out += "end = " + *cfg.end + "\n";
  }
  // Keyed parameters, one [section] per distinct parent path, in the order they first appear.
  std::vector<std::string> sections;
  std::map<std::string, std::string> lines;
  for (std::size_t i = 0; i < cfg.parameters.size(); ++i) {
    const auto& p = cfg.parameters[i];
    if (p.key.empty()) continue;
    const auto segments = split_key_path(p.key);
    std::string section;
    for (std::size_t s = 0; s + 1 < segments.size(); ++s) {
      if (s > 0) section += '.';
      section += toml_key(segments[s]);
    }
    if (!lines.contains(section)) sections.push_back(section);
    lines[section] += toml_key(segments.back()) + " = " + request.values[i] + "\n";
  }
  for (const auto& s : sections) out += "\n[" + s + "]\n" + lines[s];
  if (!cfg.template_text.empty()) {
    std::string filled = cfg.template_text;
    for (std::size_t i = 0; i < cfg.parameters.size(); ++i) {
      const std::string placeholder = "{" + cfg.parameters[i].name + "}";
      for (auto at = filled.find(placeholder); at != std::string::npos; at = filled.find(placeholder, at))
        filled.replace(at, placeholder.size(), request.values[i]);
    }
    out += "\n" + filled;
    if (out.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace ws::calibration
