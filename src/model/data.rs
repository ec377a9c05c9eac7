//! [`Data`]: the other metadata written on a node, allocated only when there is some.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map as JsonMap, Value};

/// The metadata written on a node beyond side, cite and quote (`{key: value}` in Argdown), read
/// and changed as the [`serde_json::Map`] it derefs to.
///
/// Most nodes have none, and an empty map would still take 72 bytes in every node: this holds
/// nothing until something is written in it (8 bytes). Serialized, compared and printed as the
/// map; a `Data` with nothing in it equals one whose map was emptied.
///
/// `data.clone()` clones the map (a `Data` is not `Clone` itself); `Data::from(map)` and
/// `map.into()` turn a map into a `Data`.
#[derive(Default)]
pub struct Data(Option<Box<JsonMap<String, Value>>>);

/// The map an empty [`Data`] derefs to.
fn empty() -> &'static JsonMap<String, Value> {
    static EMPTY: OnceLock<JsonMap<String, Value>> = OnceLock::new();
    EMPTY.get_or_init(JsonMap::new)
}

impl Data {
    /// Nothing: no map allocated.
    pub fn new() -> Data {
        Data(None)
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_empty())
    }
}

impl Deref for Data {
    type Target = JsonMap<String, Value>;

    fn deref(&self) -> &Self::Target {
        self.0.as_deref().unwrap_or_else(|| empty())
    }
}

impl DerefMut for Data {
    /// The map, made when there was none.
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<JsonMap<String, Value>> for Data {
    fn from(map: JsonMap<String, Value>) -> Data {
        Data((!map.is_empty()).then(|| Box::new(map)))
    }
}

impl From<Data> for JsonMap<String, Value> {
    fn from(data: Data) -> JsonMap<String, Value> {
        data.0.map(|m| *m).unwrap_or_default()
    }
}

impl PartialEq for Data {
    fn eq(&self, other: &Data) -> bool {
        **self == **other
    }
}

impl Eq for Data {}

impl fmt::Debug for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Data {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Data, D::Error> {
        JsonMap::deserialize(deserializer).map(Data::from)
    }
}

impl<'a> IntoIterator for &'a Data {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl IntoIterator for Data {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        JsonMap::from(self).into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_until_written() {
        let mut data = Data::new();
        assert!(data.is_empty() && data.0.is_none());
        assert_eq!(data.get("k"), None);
        assert_eq!(format!("{data:?}"), "{}");
        assert_eq!(serde_json::to_string(&data).unwrap(), "{}");
        data.insert("k".into(), Value::from(1));
        assert_eq!(data.get("k"), Some(&Value::from(1)));
        assert_eq!(format!("{data:?}"), format!("{:?}", *data));
        assert_eq!(serde_json::to_string(&data).unwrap(), r#"{"k":1}"#);
        let copy: JsonMap<String, Value> = data.clone();
        assert_eq!(Data::from(copy), data);
        data.remove("k");
        assert!(data.is_empty());
        assert_eq!(data, Data::new(), "an emptied map is no data");
        let read: Data = serde_json::from_str(r#"{"b":2,"a":1}"#).unwrap();
        assert_eq!(
            read.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["b", "a"],
            "keys keep their order"
        );
        let empty: Data = serde_json::from_str("{}").unwrap();
        assert!(empty.0.is_none());
    }
}
