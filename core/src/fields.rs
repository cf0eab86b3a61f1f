//! JSON objects read field by field from a [`serde_json::Value`], instead of by derived
//! deserializers.
//!
//! Every derived deserializer is a visitor of its own in the WebAssembly; the main module parses
//! JSON into a `Value` anyway (stored records, the meta key), so reading a value's fields with
//! these few functions costs far fewer bytes than one visitor per type. The readers built on
//! them (stored records in `store::codec`, the library's files in `library`) take what the
//! derived deserializers take (unknown fields ignored, the same defaults for fields left out,
//! the same ranges for numbers), which their tests hold against the derived ones, and a
//! problem is named in serde's words ("missing field `title`").

use serde_json::{Map, Value};

/// Why a value does not read as what was asked: the reader's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misread(pub String);

/// What a field reader returns.
pub type Read<T> = Result<T, Misread>;

/// A JSON object's fields.
#[derive(Clone, Copy)]
pub struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    /// The fields of `value`, which must be an object (`what` names it in the problem).
    pub fn of(value: &'a Value, what: &str) -> Read<Self> {
        value
            .as_object()
            .map(Fields)
            .ok_or_else(|| Misread(format!("{what} is not an object")))
    }

    /// The field `name`, if the object has it.
    pub fn field(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name)
    }

    /// The field `name`, which must be there.
    pub fn get(&self, name: &str) -> Read<&'a Value> {
        self.field(name)
            .ok_or_else(|| Misread(format!("missing field `{name}`")))
    }

    /// The field `name` read by `read`, its problem named after the field.
    pub fn with<T>(&self, name: &str, read: impl Fn(&Value) -> Option<T>, is: &str) -> Read<T> {
        let value = self.get(name)?;
        read(value).ok_or_else(|| Misread(format!("`{name}` is not {is}: {value}")))
    }

    /// Like [`Fields::with`], but none when the field is left out or `null` (an `Option` field
    /// with `#[serde(default)]`).
    pub fn with_or_none<T>(
        &self,
        name: &str,
        read: impl Fn(&Value) -> Option<T>,
        is: &str,
    ) -> Read<Option<T>> {
        match self.field(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.with(name, read, is).map(Some),
        }
    }

    pub fn text(&self, name: &str) -> Read<String> {
        self.with(name, text, "text")
    }

    /// The text of `name`, empty when the field is left out.
    pub fn text_or_empty(&self, name: &str) -> Read<String> {
        match self.field(name) {
            None => Ok(String::new()),
            Some(_) => self.text(name),
        }
    }

    /// The text of `name`, none when the field is left out or `null`.
    pub fn text_or_none(&self, name: &str) -> Read<Option<String>> {
        self.with_or_none(name, text, "text")
    }

    /// The whole number `name` (a `usize`).
    pub fn number(&self, name: &str) -> Read<usize> {
        self.with(name, whole, "a whole number")
    }

    /// The whole number `name`, of a type it must fit (`u8`, `u16`, `u32`, `usize`).
    pub fn whole<T: TryFrom<u64>>(&self, name: &str) -> Read<T> {
        self.with(name, whole, "a whole number in range")
    }

    /// The whole number `name`, none when the field is left out or `null`.
    pub fn whole_or_none<T: TryFrom<u64>>(&self, name: &str) -> Read<Option<T>> {
        self.with_or_none(name, whole, "a whole number in range")
    }

    /// `true` or `false`, false when the field is left out.
    pub fn flag(&self, name: &str) -> Read<bool> {
        match self.field(name) {
            None => Ok(false),
            Some(_) => self.with(name, Value::as_bool, "true or false"),
        }
    }

    /// The two items of the array `name` (`[5, 10]`), each read by `item`.
    pub fn pair<T>(&self, name: &str, item: impl Fn(&Value) -> Option<T>) -> Read<(T, T)> {
        self.with(
            name,
            |value| match value.as_array().map(Vec::as_slice) {
                Some([a, b]) => item(a).zip(item(b)),
                _ => None,
            },
            "a pair",
        )
    }

    /// Every item of the array `name`, each read by `item` (the first problem, naming its
    /// place, refuses the whole).
    pub fn list<T>(&self, name: &str, item: impl Fn(&Value) -> Read<T>) -> Read<Vec<T>> {
        let value = self.get(name)?;
        let items = value
            .as_array()
            .ok_or_else(|| Misread(format!("`{name}` is not a list: {value}")))?;
        items
            .iter()
            .enumerate()
            .map(|(at, v)| item(v).map_err(|Misread(why)| Misread(format!("{name}[{at}]: {why}"))))
            .collect()
    }

    /// Every item of the array `name`, each an object read by `read`.
    pub fn objects<T>(&self, name: &str, read: impl Fn(Fields) -> Read<T>) -> Read<Vec<T>> {
        self.list(name, |v| read(Fields::of(v, "the item")?))
    }

    /// Like [`Fields::list`], but empty when the field is left out.
    pub fn list_or_empty<T>(&self, name: &str, item: impl Fn(&Value) -> Read<T>) -> Read<Vec<T>> {
        match self.field(name) {
            None => Ok(Vec::new()),
            Some(_) => self.list(name, item),
        }
    }

    /// The object `name`, read by `read` (its problem prefixed by the field's name).
    pub fn object<T>(&self, name: &str, read: impl Fn(Fields<'a>) -> Read<T>) -> Read<T> {
        let o = Fields::of(self.get(name)?, &format!("`{name}`"))?;
        read(o).map_err(|Misread(why)| Misread(format!("{name}: {why}")))
    }

    /// Like [`Fields::object`], but none when the field is left out or `null`.
    pub fn object_or_none<T>(
        &self,
        name: &str,
        read: impl Fn(Fields<'a>) -> Read<T>,
    ) -> Read<Option<T>> {
        match self.field(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.object(name, read).map(Some),
        }
    }
}

/// A whole number that fits a `T`.
pub fn whole<T: TryFrom<u64>>(value: &Value) -> Option<T> {
    value.as_u64().and_then(|n| T::try_from(n).ok())
}

/// A text.
pub fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

/// `json` as a JSON value, to be read field by field.
pub fn value(json: &str) -> Read<Value> {
    serde_json::from_str(json).map_err(|e| Misread(e.to_string()))
}

/// Every way of changing one field of `value` (at any depth, in objects and in lists):
/// removed, or set to null, `true`, a number (small, too large for a `u8` or a `u16`,
/// negative, fractional), text, an unknown colour, an empty object. What the tests of a field
/// reader feed it and the derived deserializer it stands for. (Not an empty list: serde takes
/// one for a struct whose fields all have defaults, a form these readers refuse and nothing
/// writes.)
#[cfg(test)]
pub(crate) fn mutations(value: &Value) -> Vec<Value> {
    let replacements = || {
        [
            Value::Null,
            Value::from(true),
            Value::from(7),
            Value::from(300),
            Value::from(70_000),
            Value::from(-7),
            Value::from(1.5),
            Value::from("text"),
            Value::from("Green"),
            serde_json::json!({}),
        ]
    };
    let mut out = Vec::new();
    match value {
        Value::Object(object) => {
            for (name, field) in object {
                let mut removed = object.clone();
                removed.remove(name);
                out.push(Value::Object(removed));
                for other in replacements().into_iter().chain(mutations(field)) {
                    let mut changed = object.clone();
                    changed[name] = other;
                    out.push(Value::Object(changed));
                }
            }
        }
        Value::Array(items) => {
            for (at, item) in items.iter().enumerate() {
                for other in replacements().into_iter().chain(mutations(item)) {
                    let mut changed = items.clone();
                    changed[at] = other;
                    out.push(Value::Array(changed));
                }
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn names_the_field_and_the_place_of_a_problem() {
        let v = fields(r#"{"a":[{"b":1},{"b":"x"}],"n":300,"f":null}"#);
        let o = Fields::of(&v, "it").unwrap();
        let b = |v: &Value| Fields::of(v, "an item")?.whole::<u8>("b");
        assert_eq!(
            o.list("a", b),
            Err(Misread(
                "a[1]: `b` is not a whole number in range: \"x\"".into()
            ))
        );
        assert_eq!(o.whole::<u16>("n"), Ok(300));
        assert_eq!(
            o.whole::<u8>("n"),
            Err(Misread("`n` is not a whole number in range: 300".into()))
        );
        assert_eq!(o.text("z"), Err(Misread("missing field `z`".into())));
        assert_eq!(o.text_or_none("f"), Ok(None));
        assert_eq!(o.flag("z"), Ok(false));
        assert_eq!(
            o.flag("f"),
            Err(Misread("`f` is not true or false: null".into()))
        );
        assert_eq!(o.list_or_empty("z", b), Ok(vec![]));
        assert_eq!(
            o.object("n", |o| o.text("x")),
            Err(Misread("`n` is not an object".into()))
        );
        assert_eq!(o.object_or_none("f", |o| o.text("x")), Ok(None));
        assert!(value("{").is_err());
    }
}
