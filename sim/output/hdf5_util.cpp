#include "sim/output/hdf5_util.hpp"

#include <stdexcept>

namespace ws::output::h5 {

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    close_ = other.close_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

bool Handle::reset() {
  if (id_ < 0) return true;
  const herr_t status = close_(id_);
  id_ = H5I_INVALID_HID;
  return status >= 0;
}

QuietErrors::QuietErrors() {
  // Before the library starts (every entry point of the writer and reader begins here): no clean-up at exit.
  // HDF5 1.10 loops there, printing "infinite loop closing library" to stderr, after it read a corrupted
  // file; our files are closed explicitly, so the clean-up has nothing left to flush.
  static const bool no_atexit = H5dont_atexit() >= 0;
  (void)no_atexit;
  H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }

namespace {

struct ErrorWalk {
  std::string outermost;
  std::string innermost;
};

herr_t collect_error(unsigned n, const H5E_error2_t* error, void* data) {
  auto* walk = static_cast<ErrorWalk*>(data);
  const std::string description = error->desc ? error->desc : "";
  if (description.empty()) return 0;
  if (n == 0) walk->outermost = description;
  walk->innermost = description;
  return 0;
}

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

}  // namespace

std::string last_error() {
  ErrorWalk walk;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_error, &walk);
  H5Eclear2(H5E_DEFAULT);
  if (walk.innermost.empty()) return "unknown HDF5 error";
  if (walk.outermost.empty() || walk.outermost == walk.innermost) return one_line(walk.innermost);
  return one_line(walk.outermost + ": " + walk.innermost);
}

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw std::runtime_error(what + ": " + last_error());
  return id;
}

void check_status(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error(what + ": " + last_error());
}

Handle dataset(hid_t id, const std::string& what) { return {check(id, what), H5Dclose}; }
Handle dataspace(hid_t id, const std::string& what) { return {check(id, what), H5Sclose}; }
Handle block_space(const std::vector<hsize_t>& count, const std::string& what) {
  return dataspace(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), what);
}
Handle datatype(hid_t id, const std::string& what) { return {check(id, what), H5Tclose}; }
Handle plist(hid_t id, const std::string& what) {
  Handle list{check(id, what), H5Pclose};
  // No creation or modification times in objects (the root group included): the same run gives the same
  // bytes, apart from the history attribute.
  if (H5Pisa_class(list.get(), H5P_OBJECT_CREATE) > 0)
    check_status(H5Pset_obj_track_times(list.get(), 0), what + ": object times");
  return list;
}
Handle attribute(hid_t id, const std::string& what) { return {check(id, what), H5Aclose}; }
Handle group(hid_t id, const std::string& what) { return {check(id, what), H5Gclose}; }

Handle utf8_string_type() {
  Handle type = datatype(H5Tcopy(H5T_C_S1), "copy the string type");
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "make a variable-length string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set the UTF-8 character set");
  return type;
}

void AttributeWriter::write_scalar(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                                   const void* value) {
  if (!scalar_space_) scalar_space_ = dataspace(H5Screate(H5S_SCALAR), "attribute " + name);
  hid_t id = H5Acreate2(object, name.c_str(), file_type, scalar_space_.get(), H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) {  // most likely there is one of that name already: replace it
    const std::string error = last_error();
    const htri_t exists = H5Aexists(object, name.c_str());
    if (exists <= 0) throw std::runtime_error("create attribute " + name + ": " + error);
    check_status(H5Adelete(object, name.c_str()), "replace attribute " + name);
    id = H5Acreate2(object, name.c_str(), file_type, scalar_space_.get(), H5P_DEFAULT, H5P_DEFAULT);
  }
  Handle attr = attribute(id, "create attribute " + name);
  check_status(H5Awrite(attr.get(), memory_type, value), "write attribute " + name);
}

void AttributeWriter::write(hid_t object, const std::string& name, const std::string& value) {
  if (!string_type_) string_type_ = utf8_string_type();
  const char* text = value.c_str();
  write_scalar(object, name, string_type_.get(), string_type_.get(), &text);
}

void AttributeWriter::write(hid_t object, const std::string& name, std::int64_t value) {
  write_scalar(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void AttributeWriter::write(hid_t object, const std::string& name, std::uint64_t value) {
  write_scalar(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

void AttributeWriter::write(hid_t object, const std::string& name, std::int32_t value) {
  write_scalar(object, name, H5T_STD_I32LE, H5T_NATIVE_INT32, &value);
}

void AttributeWriter::write(hid_t object, const std::string& name, double value) {
  write_scalar(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  AttributeWriter().write(object, name, value);
}

void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  AttributeWriter().write(object, name, value);
}

void write_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  AttributeWriter().write(object, name, value);
}

void write_attribute(hid_t object, const std::string& name, std::int32_t value) {
  AttributeWriter().write(object, name, value);
}

void write_attribute(hid_t object, const std::string& name, double value) {
  AttributeWriter().write(object, name, value);
}

AttributeKind attribute_kind(hid_t object, const std::string& name) {
  const htri_t exists = H5Aexists(object, name.c_str());
  check(exists, "attribute " + name);
  if (exists == 0) return AttributeKind::absent;
  Handle attr = attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute " + name);
  Handle type = datatype(H5Aget_type(attr.get()), "type of attribute " + name);
  switch (H5Tget_class(type.get())) {
    case H5T_STRING:
      return AttributeKind::text;
    case H5T_INTEGER:
      return AttributeKind::integer;
    case H5T_FLOAT:
      return AttributeKind::floating;
    default:
      return AttributeKind::other;
  }
}

std::string read_text_attribute(hid_t object, const std::string& name) {
  const std::string what = "read attribute " + name;
  Handle attr = attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), what);
  Handle file_type = datatype(H5Aget_type(attr.get()), what);
  Handle space = dataspace(H5Aget_space(attr.get()), what);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  check(static_cast<hid_t>(count), what);
  std::string text;
  const auto append = [&text](std::string piece) {
    if (!text.empty()) text += ", ";
    text += piece;
  };
  if (H5Tis_variable_str(file_type.get()) > 0) {
    Handle memory_type = utf8_string_type();
    std::vector<char*> pieces(static_cast<std::size_t>(count), nullptr);
    check_status(H5Aread(attr.get(), memory_type.get(), pieces.data()), what);
    for (char* piece : pieces) append(piece ? piece : "");
    H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, pieces.data());
  } else {
    const std::size_t size = H5Tget_size(file_type.get());
    if (size == 0) throw std::runtime_error(what + ": string of size 0");
    Handle memory_type = datatype(H5Tcopy(file_type.get()), what);
    std::vector<char> buffer(size * static_cast<std::size_t>(count));
    check_status(H5Aread(attr.get(), memory_type.get(), buffer.data()), what);
    for (hssize_t i = 0; i < count; ++i) {
      std::string piece(buffer.data() + static_cast<std::size_t>(i) * size, size);
      piece.resize(piece.find('\0') == std::string::npos ? piece.size() : piece.find('\0'));
      while (!piece.empty() && piece.back() == ' ') piece.pop_back();  // space-padded Fortran-style strings
      append(piece);
    }
  }
  return text;
}

namespace {

template <typename T>
T read_first_number(hid_t object, const std::string& name, hid_t memory_type) {
  const std::string what = "read attribute " + name;
  Handle attr = attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), what);
  Handle space = dataspace(H5Aget_space(attr.get()), what);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 1) throw std::runtime_error(what + ": no value");
  std::vector<T> values(static_cast<std::size_t>(count));
  check_status(H5Aread(attr.get(), memory_type, values.data()), what);
  return values.front();
}

}  // namespace

double read_number_attribute(hid_t object, const std::string& name) {
  return read_first_number<double>(object, name, H5T_NATIVE_DOUBLE);
}

std::int64_t read_integer_attribute(hid_t object, const std::string& name) {
  return read_first_number<std::int64_t>(object, name, H5T_NATIVE_INT64);
}

bool is_dataset(hid_t group, const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") return false;
  const htri_t exists = H5Lexists(group, name.c_str(), H5P_DEFAULT);
  if (exists <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  H5O_info_t info;
  if (H5Oget_info_by_name2(group, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  return info.type == H5O_TYPE_DATASET;
}

}  // namespace ws::output::h5
