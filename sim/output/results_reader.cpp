#include "sim/output/results_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/common/error.hpp"
#include "sim/output/hdf5_util.hpp"
#include "sim/output/results_schema.hpp"
#include "sim/output/structure_probe.hpp"

namespace ws::output {

namespace {

herr_t collect_link_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->push_back(name);
  return 0;
}

herr_t scale_name(hid_t, unsigned, hid_t scale, void* data) {
  char buffer[1024];
  const ssize_t length = H5Iget_name(scale, buffer, sizeof buffer);
  if (length <= 0) return -1;
  std::string name(buffer, static_cast<std::size_t>(std::min<ssize_t>(length, sizeof buffer - 1)));
  if (!name.empty() && name.front() == '/') name.erase(0, 1);
  *static_cast<std::string*>(data) = name;
  return 1;  // the first scale of the axis is its dimension
}

// Any attribute as text: strings as they are, numbers formatted; "" when absent or of another type.
std::string attribute_text(hid_t object, const std::string& name) {
  switch (h5::attribute_kind(object, name)) {
    case h5::AttributeKind::text:
      return h5::read_text_attribute(object, name);
    case h5::AttributeKind::integer: {
      h5::Handle attr = h5::attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute " + name);
      h5::Handle type = h5::datatype(H5Aget_type(attr.get()), "type of attribute " + name);
      if (H5Tget_sign(type.get()) == H5T_SGN_NONE) {
        std::uint64_t value = 0;
        h5::Handle space = h5::dataspace(H5Aget_space(attr.get()), "attribute " + name);
        if (H5Sget_simple_extent_npoints(space.get()) != 1)
          return fmt::format("{}", h5::read_integer_attribute(object, name));
        h5::check_status(H5Aread(attr.get(), H5T_NATIVE_UINT64, &value), "read attribute " + name);
        return fmt::format("{}", value);
      }
      return fmt::format("{}", h5::read_integer_attribute(object, name));
    }
    case h5::AttributeKind::floating:
      return fmt::format("{}", h5::read_number_attribute(object, name));
    default:
      return "";
  }
}

}  // namespace

struct ResultsReader::Impl {
  std::filesystem::path path;
  h5::Handle file;
  h5::Handle root;

  [[noreturn]] void fail(const std::string& what) const { throw InputError(path.string() + ": " + what); }

  // Runs `body`, turning HDF5 failures (a damaged file) into a one-line InputError naming the file.
  template <typename F>
  auto guarded(const std::string& what, F body) const {
    h5::QuietErrors quiet;
    try {
      return body();
    } catch (const InputError&) {
      throw;
    } catch (const std::runtime_error& e) {
      fail(what + " (" + e.what() + ")");
    }
  }

  std::vector<std::string> links() const {
    std::vector<std::string> names;
    hsize_t index = 0;
    if (H5Literate(root.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_link_name, &names) < 0) {
      h5::last_error();  // creation order not tracked (a file from another writer): alphabetical then
      names.clear();
      index = 0;
      h5::check_status(H5Literate(root.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_link_name, &names),
                       "list the variables");
    }
    return names;
  }

  h5::Handle open(const std::string& name) const {
    if (!h5::is_dataset(root.get(), name)) fail("no variable " + name);
    return h5::dataset(H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT), "open " + name);
  }

  static std::vector<hsize_t> extent(hid_t dataset, const std::string& name) {
    h5::Handle space = h5::dataspace(H5Dget_space(dataset), "shape of " + name);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    h5::check(rank, "rank of " + name);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0)
      h5::check_status(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), "shape of " + name);
    return dims;
  }

  h5::Handle open_dimension(const std::string& dim) const {
    h5::Handle ds = open(dim);
    if (H5DSis_scale(ds.get()) <= 0 || extent(ds.get(), dim).size() != 1) fail(dim + " is not a dimension");
    return ds;
  }
};

ResultsReader::ResultsReader(const std::filesystem::path& path) : impl_(std::make_unique<Impl>()) {
  h5::QuietErrors quiet;
  impl_->path = path;
  const auto reject = [&](const std::string& why) {
    throw InputError(path.string() + ": not a werkstroom results file (" + why + ")");
  };
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path.string() + ": no such file");
  if (std::filesystem::is_directory(path, ec)) reject("it is a folder");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    h5::last_error();
    reject("not an HDF5 file");
  }
  if (!structure_readable(path)) reject("damaged: HDF5 cannot read its structure");
  h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS), "file access properties");
  H5Pset_file_locking(fapl.get(), true, true);  // read from file systems without locks too
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get());
  if (file < 0) reject("damaged or truncated: " + h5::last_error());
  impl_->file = h5::Handle(file, H5Fclose);
  const hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
  if (root < 0) reject("damaged: " + h5::last_error());
  impl_->root = h5::Handle(root, H5Gclose);
  std::string format;
  try {
    format = attribute_text(root, "werkstroom_format");
  } catch (const std::runtime_error& e) {
    reject(std::string("damaged: ") + e.what());
  }
  if (format.empty()) reject("no werkstroom_format attribute");
  if (format != kFormatVersion)
    reject("werkstroom_format is \"" + format + "\", this werkstroom reads \"" + kFormatVersion + "\"");
}

ResultsReader::~ResultsReader() = default;

const std::filesystem::path& ResultsReader::path() const { return impl_->path; }

void ResultsReader::require_results_structure() const {
  const std::vector<std::string> dims = dimension_names();
  std::vector<std::string> missing;
  for (const char* dim : {"scenario", "replication"})
    if (std::find(dims.begin(), dims.end(), dim) == dims.end()) missing.emplace_back(dim);
  const std::string why = missing.empty() ? std::string()
                                          : "no " + missing.front() +
                                                (missing.size() > 1 ? " and no " + missing.back() : "") +
                                                " dimension: the results structure is missing";
  if (!why.empty()) throw InputError(impl_->path.string() + ": not a werkstroom results file (" + why + ")");
  for (const std::string& v : variable_names()) {
    const std::vector<std::string> v_dims = variable_dims(v);
    if (v_dims.size() >= 2 && v_dims[0] == "scenario" && v_dims[1] == "replication") return;
  }
  throw InputError(
      impl_->path.string() +
      ": not a werkstroom results file (no variable of (scenario, replication, ...): the results "
      "are missing)");
}

std::vector<std::string> ResultsReader::dimension_names() const {
  return impl_->guarded("cannot list the dimensions", [&] {
    std::vector<std::pair<std::int64_t, std::string>> found;
    for (const std::string& name : impl_->links()) {
      if (!h5::is_dataset(impl_->root.get(), name)) continue;
      h5::Handle ds = impl_->open(name);
      if (H5DSis_scale(ds.get()) <= 0) continue;
      const std::int64_t id = h5::attribute_kind(ds.get(), "_Netcdf4Dimid") == h5::AttributeKind::integer
                                  ? h5::read_integer_attribute(ds.get(), "_Netcdf4Dimid")
                                  : std::numeric_limits<std::int64_t>::max();
      found.emplace_back(id, name);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> names;
    for (auto& [id, name] : found) names.push_back(std::move(name));
    return names;
  });
}

std::size_t ResultsReader::dimension_size(const std::string& dim) const {
  return impl_->guarded("cannot read dimension " + dim, [&] {
    h5::Handle ds = impl_->open_dimension(dim);
    return static_cast<std::size_t>(Impl::extent(ds.get(), dim).front());
  });
}

std::vector<std::string> ResultsReader::strings(const std::string& dim) const {
  // The label variable (gemeente_name); files from before it hold the names in the coordinate variable.
  if (has_variable(schema::name_label(dim))) {
    dimension_size(dim);  // a dimension, or a one-line refusal
    return read_names(schema::name_label(dim), false);
  }
  return read_names(dim, true);
}

bool ResultsReader::has_names(const std::string& dim) const {
  if (has_variable(schema::name_label(dim))) return true;
  return impl_->guarded("cannot read dimension " + dim, [&] {
    h5::Handle ds = impl_->open_dimension(dim);
    h5::Handle type = h5::datatype(H5Dget_type(ds.get()), "type of " + dim);
    return H5Tget_class(type.get()) == H5T_STRING;
  });
}

std::vector<std::string> ResultsReader::labels(const std::string& name) const {
  return read_names(name, false);
}

std::vector<std::string> ResultsReader::read_names(const std::string& dim, bool dimension) const {
  return impl_->guarded("cannot read names " + dim, [&] {
    h5::Handle ds = dimension ? impl_->open_dimension(dim) : impl_->open(dim);
    if (!dimension && Impl::extent(ds.get(), dim).size() != 1) impl_->fail(dim + " is not a list of names");
    const std::size_t n = static_cast<std::size_t>(Impl::extent(ds.get(), dim).front());
    h5::Handle file_type = h5::datatype(H5Dget_type(ds.get()), "type of " + dim);
    if (H5Tget_class(file_type.get()) != H5T_STRING) impl_->fail("dimension " + dim + " does not hold names");
    std::vector<std::string> values;
    values.reserve(n);
    if (n == 0) return values;
    if (H5Tis_variable_str(file_type.get()) > 0) {
      h5::Handle memory_type = h5::utf8_string_type();
      h5::Handle space = h5::dataspace(H5Dget_space(ds.get()), dim);
      std::vector<char*> texts(n, nullptr);
      h5::check_status(H5Dread(ds.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()),
                       "read " + dim);
      for (char* t : texts) values.emplace_back(t ? t : "");
      H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, texts.data());
    } else {
      const std::size_t size = H5Tget_size(file_type.get());
      std::vector<char> buffer(size * n);
      h5::check_status(H5Dread(ds.get(), file_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
                       "read " + dim);
      for (std::size_t i = 0; i < n; ++i) {
        std::string text(buffer.data() + i * size, size);
        text.resize(std::min(text.size(), text.find('\0')));
        values.push_back(std::move(text));
      }
    }
    return values;
  });
}

std::vector<double> ResultsReader::numbers(const std::string& dim) const {
  return impl_->guarded("cannot read dimension " + dim, [&] {
    h5::Handle ds = impl_->open_dimension(dim);
    h5::Handle file_type = h5::datatype(H5Dget_type(ds.get()), "type of " + dim);
    const H5T_class_t type_class = H5Tget_class(file_type.get());
    if ((type_class != H5T_INTEGER && type_class != H5T_FLOAT) || has_variable(schema::name_label(dim)))
      impl_->fail("dimension " + dim + " does not hold numbers");
    std::vector<double> values(static_cast<std::size_t>(Impl::extent(ds.get(), dim).front()));
    if (!values.empty())
      h5::check_status(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                       "read " + dim);
    return values;
  });
}

std::vector<std::string> ResultsReader::variable_names() const {
  return impl_->guarded("cannot list the variables", [&] {
    std::vector<std::string> names;
    for (const std::string& name : impl_->links()) {
      if (!h5::is_dataset(impl_->root.get(), name)) continue;
      h5::Handle ds = impl_->open(name);
      if (H5DSis_scale(ds.get()) <= 0) names.push_back(name);
    }
    return names;
  });
}

bool ResultsReader::has_variable(const std::string& name) const {
  h5::QuietErrors quiet;
  return h5::is_dataset(impl_->root.get(), name);
}

std::vector<std::string> ResultsReader::variable_dims(const std::string& name) const {
  return impl_->guarded("cannot read the dimensions of " + name, [&] {
    h5::Handle ds = impl_->open(name);
    const std::vector<hsize_t> shape = Impl::extent(ds.get(), name);
    if (H5DSis_scale(ds.get()) > 0) return std::vector<std::string>{name};
    std::vector<std::string> dims;
    for (unsigned axis = 0; axis < shape.size(); ++axis) {
      std::string dim;
      if (H5DSget_num_scales(ds.get(), axis) > 0)
        h5::check_status(H5DSiterate_scales(ds.get(), axis, nullptr, scale_name, &dim),
                         "dimension " + std::to_string(axis) + " of " + name);
      else
        h5::last_error();
      dims.push_back(dim.empty() ? "phony_dim_" + std::to_string(axis) : dim);
    }
    return dims;
  });
}

std::vector<std::size_t> ResultsReader::shape(const std::string& name) const {
  return impl_->guarded("cannot read the shape of " + name, [&] {
    h5::Handle ds = impl_->open(name);
    const std::vector<hsize_t> dims = Impl::extent(ds.get(), name);
    return std::vector<std::size_t>(dims.begin(), dims.end());
  });
}

bool ResultsReader::is_integer(const std::string& name) const {
  return impl_->guarded("cannot read the type of " + name, [&] {
    h5::Handle ds = impl_->open(name);
    h5::Handle type = h5::datatype(H5Dget_type(ds.get()), "type of " + name);
    return H5Tget_class(type.get()) == H5T_INTEGER;
  });
}

std::vector<double> ResultsReader::read(const std::string& name, std::span<const std::size_t> leading) const {
  return impl_->guarded("cannot read " + name, [&] {
    h5::Handle ds = impl_->open(name);
    const std::vector<hsize_t> shape = Impl::extent(ds.get(), name);
    if (leading.size() > shape.size())
      throw std::logic_error(name + ": " + std::to_string(leading.size()) + " leading indices for " +
                             std::to_string(shape.size()) + " dimensions");
    std::vector<hsize_t> start(shape.size(), 0), count(shape);
    for (std::size_t i = 0; i < leading.size(); ++i) {
      if (leading[i] >= shape[i])
        throw std::out_of_range(name + ": index " + std::to_string(leading[i]) + " on axis " +
                                std::to_string(i) + " of size " + std::to_string(shape[i]));
      start[i] = leading[i];
      count[i] = 1;
    }
    hsize_t n = 1;
    for (std::size_t i = leading.size(); i < shape.size(); ++i) n *= shape[i];
    std::vector<double> values(static_cast<std::size_t>(n));
    if (n == 0) return values;
    if (shape.empty()) {
      h5::check_status(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                       name);
    } else {
      h5::Handle file_space = h5::dataspace(H5Dget_space(ds.get()), name);
      h5::check_status(
          H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
          name);
      h5::Handle memory_space = h5::block_space(count, name);
      h5::check_status(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT,
                               values.data()),
                       name);
    }
    const h5::AttributeKind fill_kind = h5::attribute_kind(ds.get(), "_FillValue");
    if (fill_kind == h5::AttributeKind::integer || fill_kind == h5::AttributeKind::floating) {
      const double fill = h5::read_number_attribute(ds.get(), "_FillValue");
      if (!std::isnan(fill))
        std::replace(values.begin(), values.end(), fill, std::numeric_limits<double>::quiet_NaN());
    }
    return values;
  });
}

std::string ResultsReader::attribute(const std::string& name) const {
  return impl_->guarded("cannot read attribute " + name,
                        [&] { return attribute_text(impl_->root.get(), name); });
}

std::optional<double> ResultsReader::numeric_attribute(const std::string& name) const {
  return impl_->guarded("cannot read attribute " + name, [&]() -> std::optional<double> {
    const h5::AttributeKind kind = h5::attribute_kind(impl_->root.get(), name);
    if (kind != h5::AttributeKind::integer && kind != h5::AttributeKind::floating) return std::nullopt;
    return h5::read_number_attribute(impl_->root.get(), name);
  });
}

std::string ResultsReader::variable_attribute(const std::string& variable, const std::string& name) const {
  return impl_->guarded("cannot read attribute " + name + " of " + variable, [&] {
    h5::Handle ds = impl_->open(variable);
    return attribute_text(ds.get(), name);
  });
}

}  // namespace ws::output
