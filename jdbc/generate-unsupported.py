#!/usr/bin/env python3
# Writes jdbc/src/main/java/dev/sluice/jdbc/Unsupported*.java from the java.sql interfaces of the
# JDK on the PATH (javap): every method refusing with SQLFeatureNotSupportedException (capability
# questions of DatabaseMetaData answer false, 0 or no rows). Run it from anywhere after a JDK
# upgrade adds methods; then ./mvnw spotless:apply.
import os, re, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
def simple(t):
    t=t.replace('java.util.concurrent.','').replace('java.lang.','').replace('java.sql.','').replace('java.util.','').replace('java.io.','').replace('java.math.','').replace('java.net.','')
    return t
def params(p):
    # split on commas not inside <>
    out=[];depth=0;cur=''
    for ch in p:
        if ch=='<':depth+=1
        if ch=='>':depth-=1
        if ch==',' and depth==0:
            out.append(cur.strip());cur=''
        else: cur+=ch
    if cur.strip(): out.append(cur.strip())
    return out
def gen(iface, cls, extends, mode, own_pkg='dev.sluice.jdbc'):
    lines=subprocess.run(['javap', '-public', 'java.sql.' + iface], check=True, capture_output=True, text=True).stdout.split('\n')
    methods=[]
    for l in lines:
        m=re.match(r'\s*public abstract (<[^>]+> )?(.+?) (\w+)\((.*)\)( throws .*)?;',l)
        if not m: continue
        tparams,ret,name,ps,thr=m.groups()
        methods.append((tparams or '',simple(ret),name,[simple(x) for x in params(ps)],thr))
    out=[]
    out.append('package dev.sluice.jdbc;\n')
    out.append('import java.io.InputStream;\nimport java.io.Reader;\nimport java.math.BigDecimal;\nimport java.net.URL;\nimport java.sql.*;\nimport java.util.Calendar;\nimport java.util.Map;\nimport java.util.Properties;\nimport java.util.concurrent.Executor;\n')
    out.append('/**\n * Every method of {@link %s}, each refusing with {@link SQLFeatureNotSupportedException}%s. Generated\n * from the interface (JDK 17); the driver\'s classes override what Sluice supports.\n */' % (iface, ' (capability questions answer false, 0 or nothing)' if mode=='meta' else ''))
    out.append('@SuppressWarnings({"unused", "deprecation"})')
    out.append('abstract class %s %simplements %s {\n' % (cls, ('extends '+extends+' ') if extends else '', iface))
    for tp,ret,name,ps,thr in methods:
        args=', '.join('%s a%d'%(p,i) for i,p in enumerate(ps))
        body='throw Unsupported.method("%s");' % name
        if mode=='meta':
            if ret=='boolean': body='return false;'
            elif ret in ('int','long'): body='return 0;'
            elif ret=='String': body='return "";'
            elif ret=='ResultSet': body='return ListResultSet.empty();'
        throws=simple(thr.strip()).replace('throws ','throws ') if thr else ''
        if mode!='meta' and 'SQLException' not in throws and 'SQLFeatureNotSupportedException' not in throws:
            body = '// Nothing to do.' if ret=='void' else 'return %s;' % ('false' if ret=='boolean' else '0' if ret in ('int','long') else 'null')
        out.append('    @Override\n    public %s%s %s(%s) %s{\n        %s\n    }\n' % (tp, ret, name, args, (throws+' ') if throws else '', body))
    if extends:
        out.append('    %s(SluiceConnection connection) {\n        super(connection);\n    }\n' % cls)
    if not extends:
        out.append('''    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
''')
    out.append('}\n')
    open(os.path.join(HERE, 'src/main/java/dev/sluice/jdbc/%s.java' % cls), 'w').write('\n'.join(out))
    print(cls, len(methods))
gen('ResultSet','UnsupportedResultSet',None,'x')
gen('Connection','UnsupportedConnection',None,'x')
gen('Statement','UnsupportedStatement',None,'x')
gen('PreparedStatement','UnsupportedPreparedStatement','SluiceStatement','x')
gen('DatabaseMetaData','UnsupportedDatabaseMetaData',None,'meta')
gen('ResultSetMetaData','UnsupportedResultSetMetaData',None,'x')
