package dev.softclass.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a text model's {@code model.json} into a tree as {@link ObjectMapper#readTree} does, except
 * for the vocabulary ({@code text.vocabulary}, a list of up to millions of words): its words go
 * straight from the parser into a list of strings, without a tree node for each, and the tree's
 * {@code text} object has no {@code vocabulary} field. Duplicate fields keep the last value, as in
 * the tree. One instance reads one file.
 */
final class VocabularyJson {
  static final String TEXT = "text";
  static final String VOCABULARY = "vocabulary";

  private static final ObjectMapper JSON = ModelFile.JSON;

  private final String file;
  private List<String> vocabulary;

  /**
   * @param file the model file, named in errors
   */
  VocabularyJson(String file) {
    this.file = file;
  }

  /**
   * The tree of {@code json} without the vocabulary's words.
   *
   * @throws IOException if it is not valid JSON
   * @throws ModelFileException if the vocabulary holds anything but strings
   */
  JsonNode read(byte[] json) throws IOException {
    vocabulary = null;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return JSON.readTree(json); // not a model's object: its tree, for the caller's error
      }
      ObjectNode root = JSON.getNodeFactory().objectNode();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken value = p.nextToken();
        if (TEXT.equals(field)) {
          vocabulary = null; // a later "text" replaces an earlier one, vocabulary and all
          root.set(field, value == JsonToken.START_OBJECT ? text(p) : p.readValueAsTree());
        } else {
          root.set(field, p.readValueAsTree());
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("unexpected " + p.currentToken() + " at " + p.currentLocation());
      }
      return root;
    }
  }

  /**
   * The words of {@code text.vocabulary}, in order, or null if the last {@code text} object has no
   * vocabulary list.
   */
  List<String> vocabulary() {
    return vocabulary;
  }

  /** The {@code text} object at the parser (on its start), its vocabulary kept aside. */
  private ObjectNode text(JsonParser p) throws IOException {
    ObjectNode text = JSON.getNodeFactory().objectNode();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      if (VOCABULARY.equals(field) && value == JsonToken.START_ARRAY) {
        text.remove(field);
        vocabulary = words(p);
      } else {
        if (VOCABULARY.equals(field)) {
          vocabulary = null;
        }
        text.set(field, p.readValueAsTree());
      }
    }
    return text;
  }

  /** The strings of the array at the parser (on its start). */
  private List<String> words(JsonParser p) throws IOException {
    List<String> words = new ArrayList<>(1024);
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new IOException("model.json ends inside 'text.vocabulary'");
      }
      if (t != JsonToken.VALUE_STRING) {
        throw new ModelFileException(
            file,
            "model.json 'text.vocabulary' must be a list of words (strings), but item "
                + words.size()
                + " is "
                + describe(t));
      }
      words.add(p.getText());
    }
    return words;
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(t);
    };
  }
}
