;; Dot products of one dense row with a list of rows stored sparse (compressed rows), in
;; WebAssembly: the kernel rows of SVC training on data that is mostly zeros (MNIST's
;; pixels) and holds few distinct values (at most 256: pixels / 255, the 8×8 digits).
;;
;; Row r's nonzeros are numbers ptr[r] .. ptr[r+1] − 1 (i32s at `ptr`); nonzero p is a
;; coordinate (u16 at idx + 2p) and a code (u8 at code + p) whose value is table[code]
;; (f64). Three bytes a nonzero: MNIST's 60,000 rows take 27 MB, not 376. `a` is the
;; byte offset of a dense row of f64, `list` of n i32 row numbers, `out` of n f64.
;;
;;   out[k] = Σ_p table[code[p]] · a[idx[p]]   over the nonzeros of row list[k], for k < n
;;
;; Each sum adds its products one by one in coordinate order, so it equals the plain
;; sequential loop over all coordinates bit for bit (the skipped terms are zeros). Four
;; rows run side by side (four independent sums) while all four have nonzeros left.
(module
  (memory (export "memory") 1)

  ;; The sum over nonzeros p .. e − 1 of one row, added to s.
  (func $rest (param $a i32) (param $idx i32) (param $code i32) (param $table i32) (param $p i32) (param $e i32) (param $s f64) (result f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $s (f64.add (local.get $s) (f64.mul
                (f64.load (i32.add (local.get $table) (i32.shl (i32.load8_u (i32.add (local.get $code) (local.get $p))) (i32.const 3))))
                (f64.load (i32.add (local.get $a) (i32.shl (i32.load16_u (i32.add (local.get $idx) (i32.shl (local.get $p) (i32.const 1)))) (i32.const 3)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (local.get $s))

  (func (export "csrDots")
    (param $a i32) (param $ptr i32) (param $idx i32) (param $code i32) (param $table i32)
    (param $list i32) (param $n i32) (param $out i32)
    (local $k i32) (local $o i32) (local $m i32) (local $t i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $e0 i32) (local $e1 i32) (local $e2 i32) (local $e3 i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    ;; Four rows at a time.
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $n)))
        (local.set $o (i32.add (local.get $list) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $p0 (i32.load (i32.add (local.get $ptr) (i32.shl (i32.load offset=0 (local.get $o)) (i32.const 2)))))
        (local.set $e0 (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.load offset=0 (local.get $o)) (i32.const 2)))))
        (local.set $p1 (i32.load (i32.add (local.get $ptr) (i32.shl (i32.load offset=4 (local.get $o)) (i32.const 2)))))
        (local.set $e1 (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.load offset=4 (local.get $o)) (i32.const 2)))))
        (local.set $p2 (i32.load (i32.add (local.get $ptr) (i32.shl (i32.load offset=8 (local.get $o)) (i32.const 2)))))
        (local.set $e2 (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.load offset=8 (local.get $o)) (i32.const 2)))))
        (local.set $p3 (i32.load (i32.add (local.get $ptr) (i32.shl (i32.load offset=12 (local.get $o)) (i32.const 2)))))
        (local.set $e3 (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.load offset=12 (local.get $o)) (i32.const 2)))))
        ;; m = the fewest nonzeros of the four.
        (local.set $m (i32.sub (local.get $e0) (local.get $p0)))
        (local.set $t (i32.sub (local.get $e1) (local.get $p1)))
        (if (i32.lt_u (local.get $t) (local.get $m)) (then (local.set $m (local.get $t))))
        (local.set $t (i32.sub (local.get $e2) (local.get $p2)))
        (if (i32.lt_u (local.get $t) (local.get $m)) (then (local.set $m (local.get $t))))
        (local.set $t (i32.sub (local.get $e3) (local.get $p3)))
        (if (i32.lt_u (local.get $t) (local.get $m)) (then (local.set $m (local.get $t))))
        (local.set $s0 (f64.const 0))
        (local.set $s1 (f64.const 0))
        (local.set $s2 (f64.const 0))
        (local.set $s3 (f64.const 0))
        (block $sideDone
          (loop $side
            (br_if $sideDone (i32.eqz (local.get $m)))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul
                (f64.load (i32.add (local.get $table) (i32.shl (i32.load8_u (i32.add (local.get $code) (local.get $p0))) (i32.const 3))))
                (f64.load (i32.add (local.get $a) (i32.shl (i32.load16_u (i32.add (local.get $idx) (i32.shl (local.get $p0) (i32.const 1)))) (i32.const 3)))))))
            (local.set $s1 (f64.add (local.get $s1) (f64.mul
                (f64.load (i32.add (local.get $table) (i32.shl (i32.load8_u (i32.add (local.get $code) (local.get $p1))) (i32.const 3))))
                (f64.load (i32.add (local.get $a) (i32.shl (i32.load16_u (i32.add (local.get $idx) (i32.shl (local.get $p1) (i32.const 1)))) (i32.const 3)))))))
            (local.set $s2 (f64.add (local.get $s2) (f64.mul
                (f64.load (i32.add (local.get $table) (i32.shl (i32.load8_u (i32.add (local.get $code) (local.get $p2))) (i32.const 3))))
                (f64.load (i32.add (local.get $a) (i32.shl (i32.load16_u (i32.add (local.get $idx) (i32.shl (local.get $p2) (i32.const 1)))) (i32.const 3)))))))
            (local.set $s3 (f64.add (local.get $s3) (f64.mul
                (f64.load (i32.add (local.get $table) (i32.shl (i32.load8_u (i32.add (local.get $code) (local.get $p3))) (i32.const 3))))
                (f64.load (i32.add (local.get $a) (i32.shl (i32.load16_u (i32.add (local.get $idx) (i32.shl (local.get $p3) (i32.const 1)))) (i32.const 3)))))))
            (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
            (local.set $p1 (i32.add (local.get $p1) (i32.const 1)))
            (local.set $p2 (i32.add (local.get $p2) (i32.const 1)))
            (local.set $p3 (i32.add (local.get $p3) (i32.const 1)))
            (local.set $m (i32.sub (local.get $m) (i32.const 1)))
            (br $side)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store offset=0 (local.get $o) (call $rest (local.get $a) (local.get $idx) (local.get $code) (local.get $table) (local.get $p0) (local.get $e0) (local.get $s0)))
        (f64.store offset=8 (local.get $o) (call $rest (local.get $a) (local.get $idx) (local.get $code) (local.get $table) (local.get $p1) (local.get $e1) (local.get $s1)))
        (f64.store offset=16 (local.get $o) (call $rest (local.get $a) (local.get $idx) (local.get $code) (local.get $table) (local.get $p2) (local.get $e2) (local.get $s2)))
        (f64.store offset=24 (local.get $o) (call $rest (local.get $a) (local.get $idx) (local.get $code) (local.get $table) (local.get $p3) (local.get $e3) (local.get $s3)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $quads)))
    ;; The last rows, one by one.
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $o (i32.add (local.get $ptr) (i32.shl (i32.load (i32.add (local.get $list) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3)))
          (call $rest (local.get $a) (local.get $idx) (local.get $code) (local.get $table)
            (i32.load offset=0 (local.get $o)) (i32.load offset=4 (local.get $o)) (f64.const 0)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $one))))
)
