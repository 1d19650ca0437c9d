//! Hashing a value through its `Serialize` form, without writing it out:
//! each string goes to the hasher as its length and bytes, each number as
//! its bytes, each sequence, map, option and variant with its length or
//! tag. No escaping, no formatting — a page's key at 10,000 pages was
//! mostly JSON escaping when the value was hashed as JSON.
//!
//! Lengths and tags keep the encoding prefix-free: `("ab", "c")` and
//! `("a", "bc")`, `Some(0)` and `0`, `[[1], []]` and `[[], [1]]` hash
//! apart.

use std::hash::Hasher;

use serde::ser::{self, Serialize};

/// Feeds values to a hasher, in chunks (the hasher takes a stream of
/// bytes: the chunks do not change the hash, and a call per token costs).
pub(super) struct ValueHasher {
    hasher: std::hash::DefaultHasher,
    buffer: Vec<u8>,
}

const CHUNK: usize = 8192;

impl ValueHasher {
    pub(super) fn new() -> ValueHasher {
        ValueHasher {
            hasher: std::hash::DefaultHasher::new(),
            buffer: Vec::with_capacity(CHUNK),
        }
    }

    pub(super) fn finish(mut self) -> u64 {
        self.hasher.write(&self.buffer);
        self.buffer.clear();
        self.hasher.finish()
    }

    fn put(&mut self, bytes: &[u8]) {
        if self.buffer.len() + bytes.len() > CHUNK {
            self.hasher.write(&self.buffer);
            self.buffer.clear();
            if bytes.len() > CHUNK {
                self.hasher.write(bytes);
                return;
            }
        }
        self.buffer.extend_from_slice(bytes);
    }

    fn put_u8(&mut self, byte: u8) {
        self.put(&[byte]);
    }

    fn put_u64(&mut self, n: u64) {
        self.put(&n.to_le_bytes());
    }
}

/// Hashing cannot fail; the error type serde asks for is never made but
/// by a value's own `Serialize` (which then hashes as far as it got).
#[derive(Debug)]
pub(super) struct Never(String);

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Never(msg.to_string())
    }
}

// Tags: which kind of value follows.
const UNIT: u8 = 0;
const NONE: u8 = 1;
const SOME: u8 = 2;
const SEQ: u8 = 3;
const MAP: u8 = 4;
const VARIANT: u8 = 5;
const END: u8 = 6;

impl ValueHasher {
    fn bytes(&mut self, bytes: &[u8]) {
        self.put_u64(bytes.len() as u64);
        self.put(bytes);
    }

    fn variant(&mut self, index: u32) {
        self.put_u8(VARIANT);
        self.put_u64(u64::from(index));
    }
}

type Done = Result<(), Never>;

impl ser::Serializer for &mut ValueHasher {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.put_u8(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.put_u64(v as u64);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.put_u64(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.put_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Done {
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.put_u8(NONE);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Done {
        self.put_u8(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.put_u8(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Done {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, index: u32, _: &'static str, value: &T) -> Done {
        self.variant(index);
        value.serialize(self)
    }
    // A sequence or map of unknown length (serde's `flatten`) is closed by
    // an end tag instead: known lengths are written before, so the two
    // never read alike.
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Never> {
        self.put_u8(SEQ);
        self.put_u64(len.map_or(u64::MAX, |n| n as u64));
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, index: u32, _: &'static str, len: usize) -> Result<Self, Never> {
        self.variant(index);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, Never> {
        self.put_u8(MAP);
        self.put_u64(len.map_or(u64::MAX, |n| n as u64));
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _: &'static str, index: u32, _: &'static str, len: usize) -> Result<Self, Never> {
        self.variant(index);
        self.serialize_map(Some(len))
    }
}

/// The sequence-like parts: each element as it is, then the end.
macro_rules! elements_then_end {
    ($($part:ident :: $element:ident),*) => {$(
        impl ser::$part for &mut ValueHasher {
            type Ok = ();
            type Error = Never;
            fn $element<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.put_u8(END);
                Ok(())
            }
        }
    )*};
}

elements_then_end!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut ValueHasher {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.put_u8(END);
        Ok(())
    }
}

/// Structs: each field as its name and value (a skipped one marked), then the end.
macro_rules! fields_then_end {
    ($($part:ident),*) => {$(
        impl ser::$part for &mut ValueHasher {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Done {
                self.bytes(key.as_bytes());
                value.serialize(&mut **self)
            }
            fn skip_field(&mut self, key: &'static str) -> Done {
                // A skipped field is not the field with some value: mark it.
                self.bytes(key.as_bytes());
                self.put_u8(UNIT);
                self.put_u8(END);
                Ok(())
            }
            fn end(self) -> Done {
                self.put_u8(END);
                Ok(())
            }
        }
    )*};
}

fields_then_end!(SerializeStruct, SerializeStructVariant);
