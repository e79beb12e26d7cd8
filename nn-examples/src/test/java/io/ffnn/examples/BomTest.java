package io.ffnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM pins the versions ffnn is built and tested with: every third-party entry of {@code
 * nn-bom/pom.xml} is the very jar on this module's test class path (which holds nn-core,
 * nn-activations, nn-costs and nn-blas with their dependencies), and every ffnn entry is this
 * build's version.
 */
class BomTest {

  @Test
  void theBomPinsTheVersionsOnTheTestedClassPath() throws Exception {
    Document bom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Path.of("..", "nn-bom", "pom.xml").toFile());
    String ffnnVersion = text(bom.getDocumentElement(), "version");
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      jars.add(Path.of(entry).getFileName().toString());
    }
    NodeList dependencies = bom.getElementsByTagName("dependency");
    int thirdParty = 0;
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      String group = text(d, "groupId");
      String artifact = text(d, "artifactId");
      String version = text(d, "version");
      String classifier = text(d, "classifier");
      if (group.equals("io.ffnn")) {
        assertEquals("${ffnn.version}", version, artifact);
        continue;
      }
      String jar = artifact + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier)
          + ".jar";
      assertTrue(jars.contains(jar), group + ":" + artifact + ":" + version + " is not the jar "
          + "ffnn is tested with; the class path has " + jars);
      thirdParty++;
    }
    assertTrue(thirdParty >= 18, thirdParty + " third-party entries");
    assertEquals(ffnnVersion, bom.getElementsByTagName("ffnn.version").item(0).getTextContent());
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getParentNode() == parent) {
        return nodes.item(i).getTextContent().trim();
      }
    }
    return "";
  }
}
