package io.sesfeedback.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every build is its own POM, because sam build copies a function's folder and runs {@code mvn
 * clean install} there, where a parent POM outside it does not resolve (aws-sam-cli#2289). The
 * versions they share are written in each, and held here to the recorder's.
 */
class BuildVersionsTest {

    private static final Path RECORDER = Path.of("pom.xml");

    @Test
    void everyBuildDeclaresTheRecordersSdkJunitAndJacksonVersions() throws Exception {
        Map<String, String> recorders = properties(RECORDER);

        for (Path pom : otherBuilds()) {
            properties(pom)
                    .forEach(
                            (name, value) -> {
                                if (recorders.containsKey(name) && name.endsWith(".version")) {
                                    assertThat(value)
                                            .as("%s in %s", name, pom)
                                            .isEqualTo(recorders.get(name));
                                }
                            });
            assertThat(properties(pom))
                    .as(pom.toString())
                    .containsEntry("aws.sdk.version", recorders.get("aws.sdk.version"));
        }
    }

    @Test
    void aDependencyNamedInTwoBuildsHasOneVersion() throws Exception {
        Map<String, String> seen = new TreeMap<>();
        Map<String, Path> where = new TreeMap<>();
        for (Path pom : Stream.concat(Stream.of(RECORDER), otherBuilds().stream()).toList()) {
            Document document = parse(pom);
            NodeList dependencies = document.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String version = child(dependency, "version");
                if (version == null
                        || version.startsWith("${")
                        || child(dependency, "groupId").equals("io.sesfeedback")) {
                    continue;
                }
                String name = child(dependency, "groupId") + ":" + child(dependency, "artifactId");
                String earlier = seen.putIfAbsent(name, version);
                where.putIfAbsent(name, pom);
                assertThat(version)
                        .as("%s in %s, and in %s", name, pom, where.get(name))
                        .isEqualTo(earlier == null ? version : earlier);
            }
        }
        assertThat(seen).as("the dependencies compared").containsKey("org.assertj:assertj-core");
    }

    private static List<Path> otherBuilds() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("."))) {
            List<Path> poms =
                    folders.map(folder -> folder.resolve("pom.xml"))
                            .filter(Files::isRegularFile)
                            .filter(BuildVersionsTest::buildsCode)
                            .sorted()
                            .toList();
            assertThat(poms).as("the builds beside the recorder's").isNotEmpty();
            return poms;
        }
    }

    /** A build of code, not builds/pom.xml, the aggregator, which declares no version. */
    private static boolean buildsCode(Path pom) {
        try {
            return !"pom".equals(child(parse(pom).getDocumentElement(), "packaging"));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + pom, e);
        }
    }

    private static Map<String, String> properties(Path pom) throws Exception {
        Map<String, String> properties = new TreeMap<>();
        NodeList blocks = parse(pom).getDocumentElement().getElementsByTagName("properties");
        for (int b = 0; b < blocks.getLength(); b++) {
            NodeList children = blocks.item(b).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                    properties.put(
                            children.item(i).getNodeName(),
                            children.item(i).getTextContent().strip());
                }
            }
        }
        return properties;
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeName().equals(name)) {
                return children.item(i).getTextContent().strip();
            }
        }
        return null;
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }
}
