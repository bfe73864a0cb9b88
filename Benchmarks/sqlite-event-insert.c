/* What SQLite itself needs to insert a tick's 5,000 event rows, four ways, with the SQLite that Mend links
 * (sqlite-nio's amalgamation), in memory, no Swift:
 *
 *   SRC=.build/checkouts/sqlite-nio/Sources/VaporCSQLite
 *   gcc -O2 -I$SRC/include -DSQLITE_THREADSAFE=0 Benchmarks/sqlite-event-insert.c $SRC/sqlite_nio_sqlite3.c -o /tmp/sqlite-event-insert -lm
 *   /tmp/sqlite-event-insert
 *
 * a: multi-row statements of 2,909 rows x 11 binds (what Mend sends); b: 6 binds per row, the columns every
 * firing shares written once; c: one JSON text through json_each; d: one prepared statement reused per row.
 * Each is run twice; the second round is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sqlite_nio_sqlite3.h"
#define S(x) sqlite_nio_sqlite3_##x
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e3+t.tv_nsec/1e6;}
static sqlite3 *db;
static void ex(const char*q){char*e=0;if(S(exec)(db,q,0,0,&e)){printf("err %s\n",e);exit(1);}}
#define N 5000
static char ids[N][37], tids[N][37];
static const char*after="{\"at\":\"2026-11-28T10:00:00Z\",\"clock\":\"response\",\"key\":\"response.warning\",\"priority\":\"p1\"}";
static const char*summary="Response SLA warning: the target is near (deadline 2026-11-28T10:00:00Z)";
static void mk(){for(int i=0;i<N;i++){sprintf(ids[i],"0190ABCD-%04X-7000-8000-%012d",i,rand());sprintf(tids[i],"%08X-1111-4000-8000-%012d",rand(),rand());}}
static void setup(){S(open)(":memory:",&db);ex("CREATE TABLE events (id UUID PRIMARY KEY, ticket_id UUID, seq INTEGER NOT NULL, kind TEXT NOT NULL, visibility TEXT NOT NULL, actor_id UUID, actor_name TEXT NOT NULL, at REAL NOT NULL, before TEXT, after TEXT, summary TEXT NOT NULL); CREATE INDEX ie ON events(ticket_id, seq);");}
int main(){
 mk();
 for(int round=0;round<2;round++){
 /* a: multi-row 11 binds, 2909 rows per stmt */
 setup(); ex("BEGIN"); double t0=now();
 for(int s=0;s<N;s+=2909){int n=(N-s<2909)?N-s:2909; char*q=malloc(n*40+300); strcpy(q,"INSERT INTO events (id,ticket_id,seq,kind,visibility,actor_id,actor_name,at,before,after,summary) VALUES ");
  for(int i=0;i<n;i++) strcat(q+ (i? strlen(q)-1:0), i? ",(?,?,?,?,?,?,?,?,?,?,?)":"(?,?,?,?,?,?,?,?,?,?,?)");
  sqlite3_stmt*st; double p0=now(); if(S(prepare_v3)(db,q,-1,0,&st,0)){printf("prep %s\n",S(errmsg)(db));return 1;} double p1=now();
  for(int i=0;i<n;i++){int b=i*11; S(bind_text)(st,b+1,ids[s+i],-1,SQLITE_TRANSIENT);S(bind_text)(st,b+2,tids[s+i],-1,SQLITE_TRANSIENT);S(bind_int64)(st,b+3,190);S(bind_text)(st,b+4,"sla_warning",-1,SQLITE_TRANSIENT);S(bind_text)(st,b+5,"backstage",-1,SQLITE_TRANSIENT);S(bind_null)(st,b+6);S(bind_text)(st,b+7,"Mend SLA",-1,SQLITE_TRANSIENT);S(bind_double)(st,b+8,1.8e9);S(bind_null)(st,b+9);S(bind_text)(st,b+10,after,-1,SQLITE_TRANSIENT);S(bind_text)(st,b+11,summary,-1,SQLITE_TRANSIENT);}
  S(step)(st); S(finalize)(st); free(q); if(round) printf("  prepare %.1f ms for %d rows\n",p1-p0,n);}
 double t1=now(); ex("COMMIT"); if(round) printf("a multi-row 11 binds: %.1f ms\n",t1-t0); S(close)(db);
 /* b: 6 binds per row, constants in SELECT */
 setup(); ex("BEGIN"); t0=now();
 for(int s=0;s<N;s+=5000){int n=N-s; char*q=malloc(n*20+400); strcpy(q,"INSERT INTO events (id,ticket_id,seq,kind,visibility,actor_id,actor_name,at,before,after,summary) SELECT column1,column2,column3,column4,'backstage',NULL,'Mend SLA',?,NULL,column5,column6 FROM (VALUES ");
  char*e=q+strlen(q); for(int i=0;i<n;i++){memcpy(e,i?",(?,?,?,?,?,?)":"(?,?,?,?,?,?)",i?14:13); e+= i?14:13;} strcpy(e,")");
  sqlite3_stmt*st; if(S(prepare_v3)(db,q,-1,0,&st,0)){printf("prep %s\n",S(errmsg)(db));return 1;}
  S(bind_double)(st,1,1.8e9);
  for(int i=0;i<n;i++){int b=1+i*6; S(bind_text)(st,b+1,ids[s+i],-1,SQLITE_TRANSIENT);S(bind_text)(st,b+2,tids[s+i],-1,SQLITE_TRANSIENT);S(bind_int64)(st,b+3,190);S(bind_text)(st,b+4,"sla_warning",-1,SQLITE_TRANSIENT);S(bind_text)(st,b+5,after,-1,SQLITE_TRANSIENT);S(bind_text)(st,b+6,summary,-1,SQLITE_TRANSIENT);}
  S(step)(st); S(finalize)(st); free(q);}
 t1=now(); ex("COMMIT"); if(round) printf("b 6 binds + constants: %.1f ms\n",t1-t0); S(close)(db);
 /* c: json_each */
 setup(); ex("BEGIN"); t0=now();
 { char*j=malloc(N*400); char*e=j; *e++='['; for(int i=0;i<N;i++){ e+=sprintf(e,"%s[\"%s\",\"%s\",190,\"sla_warning\",\"{\\\"at\\\":\\\"2026-11-28T10:00:00Z\\\",\\\"clock\\\":\\\"response\\\",\\\"key\\\":\\\"response.warning\\\",\\\"priority\\\":\\\"p1\\\"}\",\"%s\"]", i?",":"", ids[i], tids[i], summary);} *e++=']'; *e=0;
  sqlite3_stmt*st; if(S(prepare_v3)(db,"INSERT INTO events (id,ticket_id,seq,kind,visibility,actor_id,actor_name,at,before,after,summary) SELECT value->>0, value->>1, value->>2, value->>3, 'backstage', NULL, 'Mend SLA', ?2, NULL, value->>4, value->>5 FROM json_each(?1)",-1,0,&st,0)){printf("prep %s\n",S(errmsg)(db));return 1;}
  S(bind_text)(st,1,j,-1,SQLITE_TRANSIENT); S(bind_double)(st,2,1.8e9); S(step)(st); S(finalize)(st); free(j);}
 t1=now(); ex("COMMIT"); if(round) printf("c json_each: %.1f ms\n",t1-t0); S(close)(db);
 /* d: prepared reuse */
 setup(); ex("BEGIN"); t0=now();
 { sqlite3_stmt*st; S(prepare_v3)(db,"INSERT INTO events (id,ticket_id,seq,kind,visibility,actor_id,actor_name,at,before,after,summary) VALUES (?,?,?,?,?,?,?,?,?,?,?)",-1,0,&st,0);
  for(int i=0;i<N;i++){S(bind_text)(st,1,ids[i],-1,SQLITE_TRANSIENT);S(bind_text)(st,2,tids[i],-1,SQLITE_TRANSIENT);S(bind_int64)(st,3,190);S(bind_text)(st,4,"sla_warning",-1,SQLITE_TRANSIENT);S(bind_text)(st,5,"backstage",-1,SQLITE_TRANSIENT);S(bind_null)(st,6);S(bind_text)(st,7,"Mend SLA",-1,SQLITE_TRANSIENT);S(bind_double)(st,8,1.8e9);S(bind_null)(st,9);S(bind_text)(st,10,after,-1,SQLITE_TRANSIENT);S(bind_text)(st,11,summary,-1,SQLITE_TRANSIENT); S(step)(st); S(reset)(st);}
  S(finalize)(st);}
 t1=now(); ex("COMMIT"); if(round) printf("d prepared reuse: %.1f ms\n",t1-t0); S(close)(db);
 }
 return 0;}
