-- Ways to bring code in.
ADD JAR 'http://127.0.0.1:1/evil.jar';
CREATE FUNCTION evil AS 'org.example.Evil' USING JAR 'file:///tmp/evil.jar';
CREATE FUNCTION py AS 'evil.run' LANGUAGE PYTHON;
LOAD MODULE hive;
CREATE CATALOG remote WITH ('type' = 'jdbc', 'base-url' = 'jdbc:mysql://127.0.0.1:1');
COMPILE PLAN '/tmp/plan.json' FOR INSERT INTO clicks SELECT 'u', '/';
EXECUTE PLAN '/etc/passwd';
