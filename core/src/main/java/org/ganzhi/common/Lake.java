package org.ganzhi.common;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * Where things live in a lake. The root is any Hadoop file system URI or a local path.
 * <pre>
 *   landing/&lt;source&gt;/dt=YYYY-MM-DD/   files as delivered
 *   &lt;layer&gt;/&lt;table&gt;/                 Delta tables (silver, quarantine, ops, ...)
 *   truth/&lt;name&gt;/                     planted truth of a generated lake (Parquet, tests only)
 *   _secrets/                          development key of a local lake only
 * </pre>
 */
public record Lake(String root) implements Serializable {
    public Lake {
        if (root == null || root.isBlank()) {
            throw new GanzhiException("the lake location is empty");
        }
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
    }

    public String landing(String source) {
        return root + "/landing/" + source;
    }

    public String landingPartition(String source, LocalDate deliveryDate) {
        return landing(source) + "/dt=" + deliveryDate;
    }

    /** Location of a table named {@code layer.table}. */
    public String table(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        if (dot <= 0 || dot == qualifiedName.length() - 1 || qualifiedName.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("table names are layer.table, got " + qualifiedName);
        }
        return root + "/" + qualifiedName.substring(0, dot) + "/" + qualifiedName.substring(dot + 1);
    }

    public String truth(String name) {
        return root + "/truth/" + name;
    }
}
